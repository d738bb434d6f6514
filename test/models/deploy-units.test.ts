import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation } from '../../src/kernel/index.js';
import { release, HEALTHY } from '../../models/deploy/release.js';
import { SchemaState, type Migration } from '../../models/deploy/schema.js';
import { OutcomeWindow } from '../../models/deploy/outcome-window.js';
import { DEFAULT_ANALYSIS, ErrorRateAnalysis, type Measurement } from '../../models/deploy/rollback-trigger.js';
import { DEPLOY_PARAMS, deployPlanOf } from '../../models/deploy/deploy-fault.js';

const expand: Migration = { backwardCompatible: true, migrationMs: 5_000, revertMs: 1_000 };
const contract: Migration = { backwardCompatible: false, migrationMs: 5_000, revertMs: null };

describe('release', () => {
  it('checks its defect and schemas', () => {
    expect(release('v1.0').schemas).toEqual([1]);
    expect(() => release('x', [])).toThrow(/at least one/);
    expect(() => release('x', [1], { kind: 'error-rate', rate: 1.5 })).toThrow(/\[0, 1\]/);
    expect(() => release('x', [1], { kind: 'crash-after-requests', requests: 0, restartAfterMs: null })).toThrow(/>= 1/);
    expect(() => release('x', [1], { kind: 'crash-after-requests', requests: 3, restartAfterMs: -1 })).toThrow(/restartAfterMs/);
  });
});

describe('schema (expand/contract)', () => {
  it('old code survives expand steps, not a contract step; new code fails on the schema before its own', () => {
    const db = new SchemaState(1), v10 = release('v1.0', [1]), v11 = release('v1.1', [2]), v12 = release('v1.2', [3]);
    expect([db.worksWith(v10), db.worksWith(v11)]).toEqual([true, false]);
    db.apply(expand);
    expect([db.version, db.worksWith(v10), db.worksWith(v11)]).toEqual([2, true, true]);
    db.apply(contract);
    // v1.0 met an expand step and then a contract step: it breaks; v1.1 was written for 2, and 2 -> 3 is the contract step.
    expect([db.version, db.worksWith(v10), db.worksWith(v11), db.worksWith(v12)]).toEqual([3, false, false, true]);
  });

  it('reverts a revertible step only; a version reached before the run counts as breaking', () => {
    const db = new SchemaState(1);
    db.apply(expand);
    db.revert();
    expect(db.version).toBe(1);
    db.apply(contract);
    expect(() => db.revert()).toThrow(/cannot be reverted/);
    expect(new SchemaState(5).worksWith(release('old', [4]))).toBe(false);
    expect(new SchemaState(5).worksWith(release('both', [4, 5]))).toBe(true);
  });
});

describe('outcome window', () => {
  it('counts the answers in (now - window, now], hand-worked', () => {
    const w = new OutcomeWindow(sec(30));
    w.add(sec(1), false);
    w.add(sec(10), true);
    w.add(sec(31), true);
    expect(w.counts(sec(31))).toEqual({ requests: 2, errors: 2 }); // 1 s fell out at 31 s: (1, 31]
    expect(w.counts(sec(40))).toEqual({ requests: 1, errors: 1 }); // (10, 40]
    expect(w.counts(sec(61))).toEqual({ requests: 0, errors: 0 });
  });

  it('keeps exact counts over a long run (compaction)', () => {
    const w = new OutcomeWindow(ms(100));
    for (let t = 0; t < 100_000; t++) {
      w.add(ms(t), t % 4 === 0);
      if (t % 997 === 0) expect(w.counts(ms(t))).toMatchObject({ requests: t < 100 ? t + 1 : 100 });
    }
    expect(w.counts(ms(100_000 - 1))).toEqual({ requests: 100, errors: 25 });
  });
});

/** Drives an analysis with `failing` answers every 100 ms; the instants it measured, failed and tripped. */
function drive(failureLimit: number, failing: (t: number) => boolean, untilS = 60) {
  const sim = new Simulation({ seed: 1 });
  const failedAt: number[] = [];
  let tripped: Measurement | null = null;
  const a = new ErrorRateAnalysis(sim, { ...DEFAULT_ANALYSIS, failureLimit }, (m) => failedAt.push(m.at), (m) => { tripped = m; });
  for (let t = ms(50); t < sec(untilS); t += ms(100)) sim.at(t, () => a.record(failing(t)));
  a.start();
  sim.run(sec(untilS));
  return { a, failedAt, tripped: tripped as Measurement | null };
}

describe('error-rate analysis (Argo post-promotion analysis)', () => {
  // argo-rollouts analysis/analysis_test.go TestAssessMetricFailureInconclusiveOrError: no failureLimit (0), 1 failed -> Failed.
  it('default failureLimit 0: the first failed measurement trips it; an empty window is inconclusive', () => {
    const { a, failedAt, tripped } = drive(0, () => true);
    expect(failedAt).toEqual([sec(10)]); // 0 s: no answer yet (inconclusive); 10 s: 100 of 100 failed
    expect(tripped).toMatchObject({ at: sec(10), requests: 100, errors: 100, failedMeasurements: 1 });
    expect([a.measurements, a.active]).toEqual([2, false]);
  });

  // argo-rollouts analysis/analysis_test.go TestAssessMetricStatusFailureLimit: failureLimit 2 with 3 failed -> Failed; 3 with 3 -> Running.
  it('failed measurements count over the whole run (failed > failureLimit), not in a row', () => {
    // Failing only in 5-15 s and 25-35 s: measurements at 10, 20, 30, 40 s see errors (window 30 s), so failures 10, 20, 30 s...
    const bursts = (t: number) => (t > sec(5) && t < sec(15)) || (t > sec(25) && t < sec(35));
    const two = drive(2, bursts);
    expect(two.failedAt).toEqual([sec(10), sec(20), sec(30)]);
    expect(two.tripped?.at).toBe(sec(30));
    const three = drive(3, bursts);
    expect(three.failedAt.slice(0, 3)).toEqual([sec(10), sec(20), sec(30)]);
    expect(three.tripped?.at).toBe(sec(40)); // 40 s: (10, 40] still holds the 25-35 s burst: the 4th failed measurement
  });

  it('a rate at the threshold passes: the condition is errors / requests > maxErrorRate', () => {
    // Every 20th answer fails: exactly 5 % of each full window.
    let n = 0;
    const { failedAt } = drive(0, () => n++ % 20 === 0);
    expect(failedAt).toEqual([]);
  });
});

describe('deploy fault params', () => {
  it('defaults: a healthy v1.1 with no migration; the new code is written for the version it migrates to', () => {
    const p = DEPLOY_PARAMS.parse({});
    expect(deployPlanOf(p, 1)).toEqual({ release: { name: 'v1.1', defect: HEALTHY, schemas: [1] }, migration: null });
    const q = DEPLOY_PARAMS.parse({ defect: 'crash-after-requests', crashAfterRequests: 50, migration: 'incompatible', revertMs: 10_000 });
    expect(deployPlanOf(q, 3)).toEqual({
      release: { name: 'v1.1', defect: { kind: 'crash-after-requests', requests: 50, restartAfterMs: null }, schemas: [4] },
      migration: { backwardCompatible: false, migrationMs: 5_000, revertMs: 10_000 },
    });
    expect(DEPLOY_PARAMS.safeParse({ defect: 'segfault' }).success).toBe(false);
    expect(DEPLOY_PARAMS.safeParse({ errorRate: 2 }).success).toBe(false);
  });
});
