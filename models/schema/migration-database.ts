import { SchemaState } from '../deploy/schema.js';
import type { MigrationScript } from './migration-script.js';

/**
 * A migration that stopped part-way without a rollback: the script, and how
 * many of its statements landed. golang-migrate marks the version dirty
 * before it runs a file and clears the mark only after it succeeds, so a
 * failed file leaves the database dirty and every later run refuses with
 * "Dirty database version N. Fix and force version." [GOMIGRATE].
 */
export interface DirtyMark {
  readonly script: string;
  readonly version: number;
  readonly stepsApplied: number;
}

/** A backup: the schema as it was, and when it was taken (µs). */
export interface SchemaBackup {
  readonly takenAt: number;
  readonly applied: readonly MigrationScript[];
  readonly dirty: DirtyMark | null;
}

/**
 * The database as migrations see it: its schema version (a deploy
 * SchemaState, so release compatibility works as in blue-green), the ids of
 * the scripts applied (the tool's history table, which makes a re-run a
 * no-op), and a dirty mark. Pure state; the job decides when things happen.
 */
export class MigrationDatabase {
  private state: SchemaState;
  private applied: MigrationScript[] = [];
  private running: { script: MigrationScript; steps: number } | null = null;
  dirty: DirtyMark | null = null;

  /** `dirtyAfterRollback`: a rolled-back transactional script still leaves the dirty mark (golang-migrate); false: the tool records nothing (ASSUMPTION: Flyway on PostgreSQL). */
  constructor(readonly baseVersion = 1, readonly dirtyAfterRollback = false) {
    this.state = new SchemaState(baseVersion);
  }

  get schema(): SchemaState { return this.state; }
  get version(): number { return this.state.version; }
  get appliedIds(): readonly string[] { return this.applied.map((s) => s.id); }
  isApplied(id: string): boolean { return this.applied.some((s) => s.id === id); }

  /** The scripts of `plan` not applied yet, in order: what a run has to do (none: "no change"). */
  pending(plan: readonly MigrationScript[]): MigrationScript[] { return plan.filter((s) => !this.isApplied(s.id)); }

  begin(script: MigrationScript): void {
    if (this.dirty !== null) throw new Error(`database dirty at version ${this.dirty.version}: fix and force version first`);
    this.running = { script, steps: 0 };
    this.dirty = { script: script.id, version: this.version + 1, stepsApplied: 0 };
  }

  /** One more statement of the running script ran. Non-transactional: it is committed already. */
  stepDone(): void {
    const r = this.mustRun();
    r.steps++;
    this.dirty = { script: r.script.id, version: this.version + 1, stepsApplied: r.script.transactional ? 0 : r.steps };
  }

  /** The running script ended well: version + 1, recorded, clean. */
  commit(): void {
    const r = this.mustRun();
    this.state.apply(r.script);
    this.applied.push(r.script);
    this.running = null;
    this.dirty = null;
  }

  /**
   * The running script hit an error. Transactional: its statements roll
   * back, the schema is as before the run; the mark stays only with
   * `dirtyAfterRollback` (a tool that writes its dirty mark outside the
   * migration's transaction, as golang-migrate does). Otherwise the
   * statements that ran stay applied and the database is dirty.
   */
  fail(): DirtyMark | null {
    const r = this.mustRun();
    this.running = null;
    if (r.script.transactional && !this.dirtyAfterRollback) this.dirty = null;
    return this.dirty;
  }

  /** An operator repaired the schema by hand and forced the version mark clean (`migrate force`), undoing the partial statements. */
  forceClean(): void { this.dirty = null; this.running = null; }

  backup(takenAt: number): SchemaBackup {
    return { takenAt, applied: [...this.applied], dirty: this.dirty };
  }

  /** Back to `b`: the schema rebuilt from its applied scripts. */
  restore(b: SchemaBackup): void {
    this.state = new SchemaState(this.baseVersion);
    for (const s of b.applied) this.state.apply(s);
    this.applied = [...b.applied];
    this.dirty = b.dirty;
    this.running = null;
  }

  private mustRun(): { script: MigrationScript; steps: number } {
    if (this.running === null) throw new Error('no migration is running');
    return this.running;
  }
}
