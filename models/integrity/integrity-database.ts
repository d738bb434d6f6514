import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import { BackupCatalog } from './backup-catalog.js';
import type { IntegrityEvents } from './integrity-events.js';
import { CORRUPT_PARAMS, DEFAULT_INTEGRITY_DATABASE, type IntegrityDatabaseOptions } from './integrity-options.js';
import { planRestore, type RestoreMode, type RestorePlan } from './restore-plan.js';
import { TableStore, type StoreOp } from './table-store.js';
import { WriteLog } from './write-log.js';

/**
 * A database under seed 004's "Data Corruption" regime: steady writes,
 * a periodic FK integrity check, daily base backups kept 30 days, and
 * point-in-time recovery. Measures detection delay, writes lost by the
 * restore and its duration. Faults (target = name): `corrupt {rows}`.
 */
export class IntegrityDatabase {
  readonly options: IntegrityDatabaseOptions;
  readonly store = new TableStore();
  readonly log = new WriteLog();
  readonly backups: BackupCatalog;
  /** Corruptions not yet found, oldest first (their instants). */
  private undetected: Micros[] = [];
  private nextId = 1;
  private lastParent = 0;
  writesRefused = 0;
  restoring = false;
  /** Measured: each detection's delay, each restore's loss and duration. */
  readonly detections: { at: Micros; delayUs: Micros; violations: number }[] = [];
  readonly restores: { at: Micros; mode: RestoreMode; writesLost: number; durationUs: Micros }[] = [];

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<IntegrityDatabaseOptions> = {}) {
    this.options = { ...DEFAULT_INTEGRITY_DATABASE, ...options };
    const o = this.options;
    for (const k of ['writeIntervalMs', 'checkPeriodMs', 'backupPeriodMs', 'retentionDays', 'restoreRowsPerS', 'replayWritesPerS'] as const) {
      if (!(o[k] > 0 && Number.isFinite(o[k]))) throw new Error(`integrity database ${name}: ${k} must be finite and > 0, got ${o[k]}`);
    }
    this.backups = new BackupCatalog(ms(o.retentionDays * 86_400_000));
    sim.faults.on(name, 'corrupt', (f) => this.corrupt(f.params?.['rows'] as number), CORRUPT_PARAMS);
    this.every(o.writeIntervalMs, o.writeIntervalMs, () => this.write());
    this.every(o.checkPeriodMs, o.checkPhaseMs, () => this.check());
    this.every(o.backupPeriodMs, o.backupPhaseMs, () => this.backup());
  }

  private get trace() { return this.sim.trace.typed<IntegrityEvents>(); }

  private every(periodMs: number, firstMs: number, fn: () => void): void {
    const tick = (): void => { fn(); this.sim.schedule(ms(periodMs), tick); };
    this.sim.at(Math.max(this.sim.now, ms(firstMs)), tick);
  }

  private commit(op: StoreOp): void {
    this.store.apply(op);
    this.log.append(this.sim.now, op);
  }

  private write(): void {
    if (this.restoring) { this.writesRefused++; return; }
    const id = this.nextId++;
    // A parent every childEvery writes, or when the newest parent was lost to a restore.
    if ((id - 1) % this.options.childEvery === 0 || !this.store.parents.has(this.lastParent)) {
      this.lastParent = id;
      this.commit({ kind: 'parent', id });
    } else {
      this.commit({ kind: 'child', id, parent: this.lastParent });
    }
  }

  /** Orphans up to `rows` random healthy children (their parent id becomes one that never existed). */
  corrupt(rows: number): number {
    const healthy = [...this.store.children].filter(([, p]) => this.store.parents.has(p)).map(([id]) => id);
    const rng = this.sim.rng(`integrity/${this.name}`);
    const n = Math.min(rows, healthy.length);
    for (let i = 0; i < n; i++) {
      const j = i + rng.int(0, healthy.length - 1 - i);
      [healthy[i], healthy[j]] = [healthy[j]!, healthy[i]!];
      this.commit({ kind: 'orphan', id: healthy[i]!, parent: -healthy[i]! });
    }
    if (n > 0) this.undetected.push(this.sim.now);
    this.trace.emit(this.name, 'corrupted', { rows: n });
    return n;
  }

  private check(): void {
    const found = this.store.violations().length;
    this.sim.schedule(ms(this.options.checkRunMs), () => this.report(found));
  }

  /** A check's result: counts what it saw when it started (a snapshot query). Already-reported corruption is not reported again. */
  private report(violations: number): void {
    if (violations === 0) { this.trace.emit(this.name, 'check-clean'); return; }
    if (this.undetected.length === 0) return;
    const first = this.undetected[0]!;
    const delayUs = this.sim.now - first;
    this.undetected = [];
    this.detections.push({ at: this.sim.now, delayUs, violations });
    this.trace.emit(this.name, 'violations-found', { violations, detectionDelayMs: toMs(delayUs) });
    if (this.options.onViolation !== 'none') this.restore(first - ms(this.options.recoveryLeadMs), this.options.onViolation);
  }

  private backup(): void {
    if (this.restoring) return;
    this.backups.take(this.store, this.sim.now, this.log.length);
    this.trace.emit(this.name, 'backup-taken', { rows: this.store.rows, kept: this.backups.backups.length });
  }

  /** Stops writes and restores to `targetUs` (true time); false when the target is outside retention. */
  restore(targetUs: Micros, mode: RestoreMode): boolean {
    const plan = planRestore(this.backups, this.log, targetUs, this.sim.now, mode, this.options);
    if (plan === null) {
      this.trace.emit(this.name, 'restore-impossible', { targetMs: toMs(targetUs), oldestBackupMs: toMs(this.backups.backups[0]?.takenAt ?? -1) });
      return false;
    }
    this.restoring = true;
    this.trace.emit(this.name, 'restore-started', { mode, targetMs: toMs(targetUs), baseBackupMs: toMs(plan.base.takenAt), replayedWrites: plan.replayedWrites, durationMs: toMs(plan.durationUs) });
    const replay = this.log.slice(plan.base.logPosition, plan.endPosition);
    this.sim.schedule(plan.durationUs, () => this.restored(plan.base.store, replay, plan, mode));
    return true;
  }

  private restored(base: TableStore, replay: readonly StoreOp[], plan: RestorePlan, mode: RestoreMode): void {
    const { reachesUs, writesLost, durationUs } = plan;
    this.store.parents.clear();
    this.store.children.clear();
    const rebuilt = base.clone();
    for (const op of replay) rebuilt.apply(op);
    for (const p of rebuilt.parents) this.store.parents.add(p);
    for (const [id, parent] of rebuilt.children) this.store.children.set(id, parent);
    this.log.truncateAt(plan.endPosition);
    this.backups.dropAfter(reachesUs);
    this.undetected = this.undetected.filter((t) => t <= reachesUs);
    this.restoring = false;
    this.restores.push({ at: this.sim.now, mode, writesLost, durationUs });
    this.trace.emit(this.name, 'restored', { writesLost, durationMs: toMs(durationUs), violations: this.store.violations().length });
  }
}
