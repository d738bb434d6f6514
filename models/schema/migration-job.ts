import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import type { AdvisoryLock } from './advisory-lock.js';
import type { MigrationDatabase, SchemaBackup } from './migration-database.js';
import type { MigrationScript } from './migration-script.js';
import type { SchemaEvents } from './schema-events.js';

export type JobOutcome = 'done' | 'no-change' | 'dirty' | 'failed' | 'lock-busy' | 'lock-timeout';

export interface MigrationJobOptions {
  /** `wait`: block on the lock up to `lockTimeoutMs` (pg_advisory_lock); `fail`: give up at once (pg_try_advisory_lock). */
  readonly onBusy: 'wait' | 'fail';
  /** golang-migrate's DefaultLockTimeout: 15 s, then "timeout: can't acquire database lock" [GOMIGRATE]. */
  readonly lockTimeoutMs: number;
  /** Take a backup before migrating (seed 004), and how long it takes (ASSUMPTION: 30 s). */
  readonly backup: boolean;
  readonly backupMs: number;
}

export const DEFAULT_MIGRATION_JOB: MigrationJobOptions = { onBusy: 'wait', lockTimeoutMs: 15_000, backup: true, backupMs: 30_000 };

/** `migration-fail`: the job's next run fails at statement `step` (1-based) of its first pending script. */
export const MIGRATION_FAIL_PARAMS = z.strictObject({
  step: z.number().int().min(1).describe('the statement (from 1) of the first pending script that errors').default(1),
});

/**
 * A Kubernetes Job running migrations before a deployment (seed 004: "in
 * separate job, not in app pod"): takes the advisory lock, backs up, runs
 * every pending script statement by statement, records each, unlocks.
 * Scripts already applied are skipped (a re-run is a no-op); a dirty
 * database stops it. Faults (target = name): `migration-fail {step}`.
 */
export class MigrationJob {
  readonly options: MigrationJobOptions;
  outcome: JobOutcome | null = null;
  lastBackup: SchemaBackup | null = null;
  private failAtStep: number | null = null;
  private waitStart: Micros = 0;
  private timeoutTimer = -1;
  private onEnd: ((o: JobOutcome) => void) | undefined;
  private plan: readonly MigrationScript[] = [];

  constructor(private readonly sim: Simulation, readonly name: string, private readonly db: MigrationDatabase, private readonly lock: AdvisoryLock, options: Partial<MigrationJobOptions> = {}) {
    this.options = { ...DEFAULT_MIGRATION_JOB, ...options };
    sim.faults.on(name, 'migration-fail', (f) => { this.failAtStep = f.params?.['step'] as number; }, MIGRATION_FAIL_PARAMS);
  }

  private get trace() { return this.sim.trace.typed<SchemaEvents>(); }

  /** Starts a run of `plan` now; `onEnd` gets its outcome. */
  run(plan: readonly MigrationScript[], onEnd?: (o: JobOutcome) => void): void {
    this.plan = plan;
    this.onEnd = onEnd;
    this.outcome = null;
    this.trace.emit(this.name, 'job-started', { pending: this.db.pending(plan).length });
    this.waitStart = this.sim.now;
    const got = this.options.onBusy === 'wait' ? this.lock.lockOrWait(this.name, () => this.sim.schedule(0, () => this.granted())) : this.lock.tryLock(this.name);
    if (got) return this.locked();
    this.trace.emit(this.name, 'lock-busy', { holder: this.lock.holder ?? '', waiting: this.options.onBusy === 'wait' });
    if (this.options.onBusy === 'fail') return this.end('lock-busy', false);
    this.timeoutTimer = this.sim.schedule(ms(this.options.lockTimeoutMs), () => this.giveUp());
  }

  private granted(): void {
    if (this.timeoutTimer >= 0) { this.sim.cancel(this.timeoutTimer); this.timeoutTimer = -1; }
    this.locked();
  }

  private giveUp(): void {
    this.timeoutTimer = -1;
    this.lock.stopWaiting(this.name);
    this.trace.emit(this.name, 'lock-timeout', { waitedMs: toMs(this.sim.now - this.waitStart) });
    this.end('lock-timeout', false);
  }

  private locked(): void {
    this.trace.emit(this.name, 'lock-acquired', { waitedMs: toMs(this.sim.now - this.waitStart) });
    if (this.db.dirty !== null) return this.end('dirty', true);
    const pending = this.db.pending(this.plan);
    if (pending.length === 0) return this.end('no-change', true);
    if (!this.options.backup) return this.runScript(pending, 0);
    this.sim.schedule(ms(this.options.backupMs), () => {
      this.lastBackup = this.db.backup(this.sim.now);
      this.trace.emit(this.name, 'backup-taken', { version: this.db.version, tookMs: this.options.backupMs });
      this.runScript(pending, 0);
    });
  }

  private runScript(pending: readonly MigrationScript[], i: number): void {
    const script = pending[i];
    if (script === undefined) return this.end('done', true);
    this.db.begin(script);
    const failAt = i === 0 ? this.failAtStep : null;
    if (i === 0) this.failAtStep = null;
    this.runStep(pending, i, 1, failAt);
  }

  private runStep(pending: readonly MigrationScript[], i: number, step: number, failAt: number | null): void {
    const script = pending[i]!;
    this.sim.schedule(ms(script.stepMs), () => {
      if (failAt === step) return this.failed(script, step);
      this.db.stepDone();
      this.trace.emit(this.name, 'step-done', { script: script.id, step, of: script.steps });
      if (step < script.steps) return this.runStep(pending, i, step + 1, failAt);
      this.db.commit();
      this.trace.emit(this.name, 'script-applied', { script: script.id, version: this.db.version });
      this.runScript(pending, i + 1);
    });
  }

  private failed(script: MigrationScript, step: number): void {
    const mark = this.db.fail();
    this.trace.emit(this.name, 'script-failed', { script: script.id, step, rolledBack: script.transactional, stepsLeftApplied: mark?.stepsApplied ?? 0 });
    this.end('failed', true);
  }

  private end(outcome: JobOutcome, holdsLock: boolean): void {
    this.outcome = outcome;
    this.trace.emit(this.name, 'job-ended', { outcome, version: this.db.version });
    if (holdsLock) this.lock.unlock(this.name);
    this.onEnd?.(outcome);
  }
}
