import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/records/run-record.js';
import { plainPalette } from '../../src/report/palette.js';
import { failingSeeds } from '../../src/stats/failing-seeds.js';
import { formatSummary } from '../../src/stats/format-summary.js';
import { SweepSummarySchema } from '../../src/stats/summary-schema.js';
import { summarizeRuns } from '../../src/stats/summary.js';
import { sweepHeld } from '../../src/stats/verdict.js';
import { makeRecords, shuffled } from './make-records.js';

/** 10 runs from seed 101: claim "a" fails in runs 2, 4, 6, 8; invariant "inv" fails in runs 7 and 9 (absent from records of run 0, as an old file's). */
function records(): RunRecord[] {
  return makeRecords(10, () => ({ x: 1 }), (i) => ({ a: i % 2 === 1 || i === 0, b: true }), { baseSeed: 101 }).map((r, i) =>
    i === 0 ? r : { ...r, invariants: [{ name: 'inv', pass: i !== 7 && i !== 9 }, { name: 'ok', pass: true }] },
  );
}

describe('failingSeeds', () => {
  it('lists failed claims, then violated invariants, with counts and the seeds of their first failing runs', () => {
    expect(failingSeeds(records())).toEqual([
      { name: 'a', kind: 'claim', failedRuns: 4, runs: 10, seeds: [103, 105, 107] },
      { name: 'inv', kind: 'invariant', failedRuns: 2, runs: 9, seeds: [108, 110] },
    ]);
    expect(failingSeeds(records(), 1).map((f) => f.seeds)).toEqual([[103], [108]]);
  });

  it('is empty when everything held, and the summary then has no failures key (its bytes unchanged)', () => {
    const held = makeRecords(5, () => ({ x: 1 }), () => ({ a: true }));
    expect(failingSeeds(held)).toEqual([]);
    expect(Object.keys(summarizeRuns(held))).not.toContain('failures');
  });
});

describe('the summary names what failed', () => {
  const replay = (seed: number) => `sim run synthetic --seed ${seed}`;

  it('puts the failures, with replay commands, after the claims, whatever order the records came in', () => {
    const s = summarizeRuns(shuffled(records(), 7), { replay });
    expect(Object.keys(s)).toEqual(['scenario', 'runs', 'seeds', 'params', 'metrics', 'claims', 'failures']);
    expect(s.failures![1]).toEqual({ name: 'inv', kind: 'invariant', failedRuns: 2, runs: 9, seeds: [108, 110], replay: ['sim run synthetic --seed 108', 'sim run synthetic --seed 110'] });
    expect(SweepSummarySchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(summarizeRuns(records(), { replay })).toEqual(s);
  });

  it('prints a "failed runs" block: replay commands when given, else the seeds', () => {
    const text = formatSummary(summarizeRuns(records(), { replay }), plainPalette);
    expect(text).toContain([
      'failed runs (first 3 seeds of each)',
      '  claim "a": 4 of 10 runs',
      '    sim run synthetic --seed 103',
      '    sim run synthetic --seed 105',
      '    sim run synthetic --seed 107',
      '  invariant "inv": 2 of 9 runs',
      '    sim run synthetic --seed 108',
      '    sim run synthetic --seed 110',
    ].join('\n'));
    expect(text.indexOf('failed runs')).toBeGreaterThan(text.indexOf('claims'));
    expect(formatSummary(summarizeRuns(records()), plainPalette)).toContain('  invariant "inv": 2 of 9 runs\n    seed 108\n    seed 110');
  });

  it('a violated invariant fails the sweep even when every claim held', () => {
    const onlyInvariant = records().map((r) => ({ ...r, claims: r.claims.filter((c) => c.name === 'b') }));
    const s = summarizeRuns(onlyInvariant);
    expect(sweepHeld(s.claims, s.failures)).toBe(false);
    const none = summarizeRuns(onlyInvariant.map((r) => ({ ...r, invariants: [] })));
    expect(sweepHeld(none.claims, none.failures)).toBe(true);
  });
});
