import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import type { ReconciliationCheck } from './defect-catalogue.js';
import type { ValidationEvents } from './validation-events.js';
import type { CorruptRow, ValidatedStore } from './validated-store.js';

export interface ReconciliationOptions {
  /** Time between scan starts (ms): 3_600_000 hourly, 86_400_000 daily. */
  readonly intervalMs: number;
  /** Time one scan takes (ms). It reads a snapshot taken at its start and reports at its end. */
  readonly scanMs: number;
  /** Extra scan time per row in the table (ms, default 0): a full scan's cost grows with the table. */
  readonly scanMsPerRow?: number;
  /** First scan start, ms after the job is created (default intervalMs: a cron's first tick is one period in). */
  readonly firstAtMs?: number;
  /**
   * Chance that one scan finds a row a check can see (default 1 for each: a
   * SQL predicate returns every matching row). Below 1 for data-quality
   * heuristics (an anomaly threshold, a sampled comparison): each scan
   * draws again, so a missed row may be found by a later one.
   */
  readonly detectProbability?: Partial<Record<ReconciliationCheck, number>>;
}

/** ASSUMPTION: an hourly job whose scan takes a minute; the seed gives no schedule. */
export const DEFAULT_RECONCILIATION: ReconciliationOptions = { intervalMs: 3_600_000, scanMs: 60_000 };

/**
 * Seed 001's Layer 4: a periodic job that scans the persisted rows and
 * reports the corrupt ones its enabled checks can see. Scans start on a
 * fixed cadence (firstAt + k * interval); one due while the previous still
 * runs is skipped, as a Kubernetes CronJob with concurrencyPolicy Forbid
 * does ([K8S-CRONJOB]). A row written at w is in the snapshot of the first
 * scan starting after w, so it is found (with probability 1) at most
 * interval + scan time after it was written, on average interval/2 + scan
 * time for writes spread evenly. Does nothing when layer L4 is switched off.
 *
 * Randomness: stream `validation/<name>/scan`, drawn only for checks with
 * a detection probability below 1.
 */
export class ReconciliationJob {
  /** Scans started and finished, and scans skipped. */
  started = 0;
  finished = 0;
  skipped = 0;
  private running = false;
  private runningSince: Micros = 0;
  private readonly interval: Micros;
  private readonly rng: RandomStream;
  private readonly tick = (): void => this.start();

  constructor(private readonly sim: Simulation, private readonly store: ValidatedStore, private readonly options: ReconciliationOptions = DEFAULT_RECONCILIATION) {
    checkOptions(options);
    this.interval = ms(options.intervalMs);
    this.rng = sim.rng(`validation/${store.name}/scan`);
    if (store.switches.layers?.L4 === false) return;
    sim.schedule(ms(options.firstAtMs ?? options.intervalMs), this.tick);
  }

  private start(): void {
    const due = this.started + this.skipped + 1;
    this.sim.schedule(this.interval, this.tick);
    if (this.running) {
      this.skipped++;
      this.sim.trace.typed<ValidationEvents>().emit(this.store.name, 'skipped', { scan: due, runningForMs: toMs(this.sim.now - this.runningSince) });
      return;
    }
    this.started++;
    this.running = true;
    this.runningSince = this.sim.now;
    const snapshotRows = this.store.rows;
    const duration = ms(this.options.scanMs + (this.options.scanMsPerRow ?? 0) * snapshotRows);
    this.sim.schedule(duration, () => this.finish(due, snapshotRows));
  }

  private finish(scan: number, snapshotRows: number): void {
    this.running = false;
    this.finished++;
    const found = this.store.reconcile(snapshotRows, (row) => this.sees(row));
    this.sim.trace.typed<ValidationEvents>().emit(this.store.name, 'reconciled', {
      scan,
      scanned: snapshotRows,
      found: found.length,
      kinds: kindCounts(found),
      lastedMs: toMs(this.sim.now - this.runningSince),
      oldestAgeMs: found.length === 0 ? null : toMs(this.sim.now - found[0]!.writtenAt),
    });
  }

  /** Whether this scan finds the row: any check that sees it succeeds (one draw per check below probability 1). */
  private sees(row: CorruptRow): boolean {
    let hit = false;
    for (const check of row.seenBy) {
      const p = this.options.detectProbability?.[check] ?? 1;
      if (p >= 1 || (p > 0 && this.rng.bernoulli(p))) hit = true;
    }
    return hit;
  }
}

function checkOptions(o: ReconciliationOptions): void {
  if (!(o.intervalMs > 0 && o.intervalMs < Infinity)) throw new Error(`reconciliation: intervalMs must be > 0, got ${o.intervalMs}`);
  if (!(o.scanMs >= 0 && o.scanMs < Infinity)) throw new Error(`reconciliation: scanMs must be >= 0, got ${o.scanMs}`);
  if (!((o.scanMsPerRow ?? 0) >= 0)) throw new Error(`reconciliation: scanMsPerRow must be >= 0, got ${o.scanMsPerRow}`);
  if (!((o.firstAtMs ?? 0) >= 0)) throw new Error(`reconciliation: firstAtMs must be >= 0, got ${o.firstAtMs}`);
  for (const [check, p] of Object.entries(o.detectProbability ?? {})) {
    if (!(p >= 0 && p <= 1)) throw new Error(`reconciliation: detectProbability.${check} must be in [0, 1], got ${p}`);
  }
}

/** "kind=count" per defect kind among the rows found, in first-seen order. */
function kindCounts(rows: readonly CorruptRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const d of row.defects) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}=${n}`);
}
