import { describe, expect, it } from 'vitest';
import { comparePaired, ComparisonSchema, formatComparison, meanCi95, resampleStream } from '../../src/stats/index.js';
import { makeRecords, shuffled } from './make-records.js';

// Run i of both sweeps shares its noise (i % 17): pairing cancels it, so the difference is sharp.
const noise = (i: number) => ((i * 7919) % 17) * 1_000;
const A = makeRecords(60, (i) => ({ writeDowntimeMs: 20_000 + noise(i), ackedWritesLost: i % 3 === 0 ? 5 : 0, detectionMs: i === 4 ? null : 18_000 }), (i) => ({ 'zero acknowledged writes lost': i % 3 !== 0, 'write downtime <= 30 s': true }), { params: { replication: 'async' } });
const B = makeRecords(60, (i) => ({ writeDowntimeMs: 22_000 + noise(i) + (i % 2) * 100, ackedWritesLost: 0, detectionMs: 18_000 }), (i) => ({ 'zero acknowledged writes lost': true, 'write downtime <= 30 s': i !== 7 }), { params: { replication: 'sync' } });

describe('comparePaired', () => {
  const c = comparePaired(A, B, { metricInfo: { writeDowntimeMs: { label: 'Write downtime', unit: 'ms' } } });

  it('pairs runs by index: means over the same pairs, and the CI of the paired difference', () => {
    expect(c.runs).toBe(60);
    expect(c.params).toEqual({ a: { replication: 'async' }, b: { replication: 'sync' } });
    const w = c.metrics.writeDowntimeMs!;
    expect(w.n).toBe(60);
    expect(w.difference.mean).toBeCloseTo(2_050, 9);
    expect(w.meanB! - w.meanA!).toBeCloseTo(w.difference.mean!, 9);
    // The shared noise (sd ~ 5 s) is gone: only the 0/100 ms alternation is left in the difference.
    const diffs = Array.from({ length: 60 }, (_, i) => 2_000 + (i % 2) * 100);
    expect(w.difference).toEqual({ mean: w.difference.mean, sd: w.difference.sd, ...meanCi95(diffs, resampleStream(A, 'paired', 'writeDowntimeMs')) });
    // The most common difference is 2,000 ms (30 pairs, tied with 2,100 and the smaller wins): the other 30 are events.
    expect(w.difference).toMatchObject({ events: 30, ciMethod: 'bootstrap-t', ciWarning: null });
    expect(w.difference.ci95![1] - w.difference.ci95![0]).toBeLessThan(60);
    expect(w.unit).toBe('ms');
  });

  it('drops a pair where either side is NaN', () => {
    expect(c.metrics.detectionMs!.n).toBe(59);
    expect(c.metrics.detectionMs!.difference.mean).toBe(0);
  });

  it('flags a difference that rests on too few pairs with an event, and validates against its schema', () => {
    // Detection never differs: [0, 0] is what 59 pairs saw, not proof it never differs.
    expect(c.metrics.detectionMs!.difference).toMatchObject({ ci95: [0, 0], events: 0, ciMethod: null, ciWarning: 'too-few-events' });
    expect(ComparisonSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('gives both pass rates and the seeds each side fixed or broke', () => {
    const lost = c.claims['zero acknowledged writes lost']!;
    expect(lost.a).toMatchObject({ passed: 40, runs: 60 });
    expect(lost.b).toMatchObject({ passed: 60, runs: 60, ruleOfThreeFailureBound: 0.05 });
    expect([lost.heldOnlyInB, lost.heldOnlyInA]).toEqual([20, 0]);
    const down = c.claims['write downtime <= 30 s']!;
    expect([down.heldOnlyInB, down.heldOnlyInA]).toEqual([0, 1]);
  });

  it('does not depend on record order', () => {
    expect(JSON.stringify(comparePaired(shuffled(A, 9), shuffled(B, 10)))).toBe(JSON.stringify(comparePaired(A, B)));
  });

  it('refuses runs that do not pair up', () => {
    expect(() => comparePaired(A, B.slice(0, 50))).toThrow(/do not pair up by index \(only in a: 50, 51, 52, 53, 54, \.\.\. \(10 in all\)\)/);
    expect(() => comparePaired(A.slice(1), B.slice(0, 59))).toThrow(/only in a: 59; only in b: 0/);
    const otherSeeds = B.map((r) => ({ ...r, seed: r.seed + 1000 }));
    expect(() => comparePaired(A, otherSeeds)).toThrow(/run 0 has seed 1 in a but 1001 in b/);
    expect(() => comparePaired([], [])).toThrow(/no runs/);
  });

  it('formats a side-by-side table with the difference and its interval', () => {
    const text = formatComparison(c, { a: 'async', b: 'sync' });
    expect(text).toContain('synthetic  async vs sync, 60 paired runs, seeds 1..60');
    expect(text).toContain('changed  replication: async -> sync');
    expect(text).toMatch(/metric\s+n\s+async\s+sync\s+difference sync - async \(95% CI\)/);
    expect(text).toMatch(/writeDowntimeMs\s+60\s+\S+\s+\S+\s+\+2\.0s \[\+2\.0s, \+2\.1s\]/);
    expect(text).toMatch(/zero acknowledged writes lost\s+66\.7% \[54\.1%, 77\.3%\]\s+100\.0% \[94\.0%, 100\.0%\]\s+20 \/ 0/);
    expect(text).toContain('  note: fewer than 10 runs with an event (a value other than the most common\n        one), too few for a trustworthy 95% interval: detectionMs (0 of 59)\n');
    expect(text).not.toMatch(/ \n/);
  });
});
