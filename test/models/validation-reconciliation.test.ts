import { describe, expect, it } from 'vitest';
import { Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { minutes, ms, sec, toMs } from '../../src/kernel/time.js';
import { ReconciliationJob, startWriteWorkload, ValidatedStore, validationSummary, type DefectKind, type DefenseSwitches, type ReconciliationOptions } from '../../models/validation/index.js';

function setup(switches: DefenseSwitches, job: ReconciliationOptions, seed = 1) {
  const sim = new Simulation({ seed });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => records.push(r) });
  const store = new ValidatedStore(sim, 'orders', switches);
  const reconciliation = new ReconciliationJob(sim, store, job);
  return { sim, store, job: reconciliation, records };
}

describe('reconciliation: a hand-worked timeline (hourly scan of 5 min, all layers on)', () => {
  const writes: [number, DefectKind[]][] = [
    [10, ['cross-record']], // row 0, in scan 1's snapshot
    [20, []], // row 1, valid
    [30, ['missing-field']], // refused by L1 schema
    [59, ['silent-corruption']], // row 2, in scan 1's snapshot
    [62, ['cross-record']], // row 3, written while scan 1 runs: not in its snapshot, found by scan 2
    [100, ['illegal-transition']], // refused by L2
  ];

  function run() {
    const t = setup({}, { intervalMs: 3_600_000, scanMs: 300_000 });
    for (const [m, defects] of writes) t.sim.at(minutes(m), () => t.store.write(defects));
    t.sim.run(minutes(130));
    return t;
  }

  it('finds each corrupt row at the end of the first scan that starts after it was written', () => {
    const { sim, store } = run();
    expect(store.corruptRows.map((r) => [r.seq, toMs(r.writtenAt) / 60_000, toMs(r.detectedAt) / 60_000])).toEqual([
      [0, 10, 65],
      [2, 59, 65],
      [3, 62, 125],
    ]);
    const s = validationSummary(store, sim.now);
    expect(s).toMatchObject({ writes: 6, invalidWrites: 5, rejectedByLayer: { L1: 1, L2: 1, L3: 0 }, rejectedByCheck: { schema: 1, stateTransitions: 1 }, persistedCorrupt: 3, detected: 3, neverDetected: 0 });
    // Delays 55, 6 and 63 min: nearest-rank p50 55 min, max 63 min <= interval + scan = 65 min.
    expect(s.detectionDelayMs).toEqual({ p50: 55 * 60_000, max: 63 * 60_000, mean: ((55 + 6 + 63) / 3) * 60_000 });
    expect(s.byKind['cross-record']).toEqual({ written: 2, rejected: 0, persisted: 2, detected: 2 });
    expect(s.byKind['missing-field']).toEqual({ written: 1, rejected: 1, persisted: 0, detected: 0 });
  });

  it('traces one record per scan with its findings, none per write', () => {
    const { records } = run();
    expect(records.map((r) => [toMs(r.t) / 60_000, r.source, r.kind, r.data])).toEqual([
      [65, 'orders', 'reconciled', { scan: 1, scanned: 3, found: 2, kinds: ['cross-record=1', 'silent-corruption=1'], lastedMs: 300_000, oldestAgeMs: 55 * 60_000 }],
      [125, 'orders', 'reconciled', { scan: 2, scanned: 4, found: 1, kinds: ['cross-record=1'], lastedMs: 300_000, oldestAgeMs: 63 * 60_000 }],
    ]);
  });

  it('without a source of truth the silent corruption is never found; with L4 off nothing is', () => {
    const noTruth = setup({ checks: { sourceOfTruth: false } }, { intervalMs: 3_600_000, scanMs: 300_000 });
    for (const [m, defects] of writes) noTruth.sim.at(minutes(m), () => noTruth.store.write(defects));
    noTruth.sim.run(minutes(24 * 60));
    expect(validationSummary(noTruth.store, noTruth.sim.now)).toMatchObject({ persistedCorrupt: 3, detected: 2, neverDetected: 1, undetectable: 1, pending: 0, oldestUndetectedAgeMs: (24 * 60 - 59) * 60_000 });

    const off = setup({ layers: { L4: false } }, { intervalMs: 3_600_000, scanMs: 300_000 });
    for (const [m, defects] of writes) off.sim.at(minutes(m), () => off.store.write(defects));
    off.sim.run(minutes(24 * 60));
    expect(off.job.started).toBe(0);
    expect(off.records).toEqual([]);
    expect(validationSummary(off.store, off.sim.now)).toMatchObject({ persistedCorrupt: 3, detected: 0, undetectable: 3 });
  });
});

describe('reconciliation: scan timing', () => {
  it('a scan takes scanMs + scanMsPerRow * rows in its snapshot', () => {
    const { sim, store, records } = setup({}, { intervalMs: 10_000, scanMs: 1000, scanMsPerRow: 10 });
    for (let i = 0; i < 50; i++) store.write();
    sim.run(sec(12));
    expect(records.map((r) => [r.t, r.data?.['lastedMs']])).toEqual([[ms(11_500), 1500]]);
  });

  it('a scan due while the previous runs is skipped (CronJob concurrencyPolicy Forbid), the cadence kept', () => {
    const { sim, job, records } = setup({}, { intervalMs: 10_000, scanMs: 25_000 });
    sim.run(sec(95));
    // Ticks at 10, 20, ..., 90 s: scans start at 10, 40, 70 (each runs 25 s), the others are skipped.
    expect([job.started, job.finished, job.skipped]).toEqual([3, 3, 6]);
    expect(records.filter((r) => r.kind === 'skipped').map((r) => [r.t / 1e6, r.data])).toEqual([
      [20, { scan: 2, runningForMs: 10_000 }], [30, { scan: 3, runningForMs: 20_000 }],
      [50, { scan: 5, runningForMs: 10_000 }], [60, { scan: 6, runningForMs: 20_000 }],
      [80, { scan: 8, runningForMs: 10_000 }], [90, { scan: 9, runningForMs: 20_000 }],
    ]);
    expect(records.filter((r) => r.kind === 'reconciled').map((r) => [r.t / 1e6, r.data?.['scan']])).toEqual([[35, 1], [65, 4], [95, 7]]);
  });

  it('refuses nonsense options', () => {
    const sim = new Simulation({ seed: 1 });
    const store = new ValidatedStore(sim, 'x');
    expect(() => new ReconciliationJob(sim, store, { intervalMs: 0, scanMs: 1 })).toThrow(/intervalMs/);
    expect(() => new ReconciliationJob(sim, store, { intervalMs: 1, scanMs: -1 })).toThrow(/scanMs/);
    expect(() => new ReconciliationJob(sim, store, { intervalMs: 1, scanMs: 1, detectProbability: { rowRules: 1.5 } })).toThrow(/detectProbability.rowRules/);
  });
});

/** Poisson writes that all carry L4-only defects, scanned every I with scans of S; delays of the rows found (s). */
function detectionDelays(seed: number, job: ReconciliationOptions, arrivalsUntilS: number, runUntilS: number): number[] {
  const sim = new Simulation({ seed });
  const store = new ValidatedStore(sim, 'orders');
  new ReconciliationJob(sim, store, job);
  startWriteWorkload(sim, store, { ratePerS: 10, untilMs: arrivalsUntilS * 1000, invalidFraction: 1, mix: { 'cross-record': 1 } });
  sim.run(sec(runUntilS));
  expect(store.pendingDetection).toBe(0);
  return store.corruptRows.map((r) => (r.detectedAt - r.writtenAt) / 1e6);
}

function meanAndSe(xs: readonly number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return [mean, Math.sqrt(variance / xs.length)];
}

describe('reconciliation: closed forms under Poisson writes', () => {
  const I = 60, S = 5;

  it('mean time to detection is I/2 + S (writes uniform within an interval), every delay in (S, I + S]', () => {
    // 33 whole intervals of writes, so every write has a full interval of scans around it.
    const delays = detectionDelays(3, { intervalMs: I * 1000, scanMs: S * 1000 }, 33 * I, 33 * I + I + S + 1);
    expect(delays.length).toBeGreaterThan(19_000);
    expect(Math.min(...delays)).toBeGreaterThan(S);
    expect(Math.max(...delays)).toBeLessThanOrEqual(I + S);
    // Delay = U + S with U uniform on (0, I]: sd I / sqrt(12) = 17.3 s; over ~19,800 rows the mean's sd is 0.12 s.
    const [mean] = meanAndSe(delays);
    const se = I / Math.sqrt(12) / Math.sqrt(delays.length);
    expect(Math.abs(mean - (I / 2 + S))).toBeLessThan(4 * se);
  });

  it('with detection probability p per scan the mean is I/2 + (1/p - 1) I + S', () => {
    const p = 0.5;
    const delays = detectionDelays(4, { intervalMs: I * 1000, scanMs: S * 1000, detectProbability: { crossRecord: p } }, 33 * I, 33 * I + 40 * I);
    // Scans until found ~ Geometric(p): variance I^2/12 + I^2 (1 - p) / p^2 = 300 + 7200 s^2.
    const se = Math.sqrt((I * I) / 12 + (I * I * (1 - p)) / (p * p)) / Math.sqrt(delays.length);
    const [mean] = meanAndSe(delays);
    expect(Math.abs(mean - (I / 2 + (1 / p - 1) * I + S))).toBeLessThan(4 * se);
    // Half the rows are missed by their first scan: P(delay > I + S) = 1 - p, sd 0.0036 over ~19,800 rows.
    const late = delays.filter((d) => d > I + S).length / delays.length;
    expect(Math.abs(late - (1 - p))).toBeLessThan(0.015);
    expect(Math.min(...delays)).toBeGreaterThan(S);
  });
});
