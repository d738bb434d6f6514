import { describe, expect, it } from 'vitest';
import type { MetricInfo } from '../../src/scenario/scenario.js';
import { ansiPalette, plainPalette } from '../../src/report/palette.js';
import { intervalNotes } from '../../src/stats/format-interval-notes.js';
import { formatSummary, summarizeRuns, SweepSummarySchema, YEAR_MS } from '../../src/stats/index.js';
import { makeRecords, shuffled } from './make-records.js';

const INFO: Record<string, MetricInfo> = {
  writeDowntimeMs: { label: 'Write downtime', unit: 'ms' },
  readAvailabilityPct: { label: 'Read availability', unit: 'percent' },
  ackedWritesLost: { label: 'Acknowledged writes lost', unit: 'count' },
  detectionMs: { label: 'Detection', unit: 'ms' },
};

/** 100 runs with irregular values (a multiplicative hash of the index), a NaN now and then, and two claims. */
const RECORDS = makeRecords(
  100,
  (i) => ({
    writeDowntimeMs: 20_000 + ((i * 7919) % 97) * 100.5,
    readAvailabilityPct: 99.99 + ((i * 31) % 7) * 0.0013,
    ackedWritesLost: i % 4 === 0 ? 3 : 0,
    detectionMs: i % 25 === 7 ? null : 18_000 + ((i * 13) % 11) * 0.37,
  }),
  (i) => ({ 'write downtime <= 30 s': i % 10 !== 3, 'zero acknowledged writes lost': true }),
  { scenario: 'scenario-a', baseSeed: 42 },
);

describe('summarizeRuns', () => {
  const s = summarizeRuns(RECORDS, { metricInfo: INFO, incidentsPerYear: 4 });

  it('has the documented fields, in order', () => {
    // failures: some runs lost writes, so the claim failed (failing-seeds.test.ts covers the field).
    expect(Object.keys(s)).toEqual(['scenario', 'runs', 'seeds', 'params', 'metrics', 'claims', 'failures', 'availability', 'perYear']);
    expect(s.scenario).toBe('scenario-a');
    expect(s.runs).toBe(100);
    expect(s.seeds).toEqual({ first: 42, last: 141 });
    expect(s.params).toEqual({ ttlMs: 10_000 });
    expect(Object.keys(s.metrics)).toEqual(['writeDowntimeMs', 'readAvailabilityPct', 'ackedWritesLost', 'detectionMs']);
    // events, ciMethod and ciWarning came with the bootstrap-t interval: added after max, so older readers see the same prefix.
    expect(Object.keys(s.metrics.writeDowntimeMs!)).toEqual(['n', 'mean', 'sd', 'ci95', 'p50', 'p95', 'p99', 'min', 'max', 'events', 'ciMethod', 'ciWarning', 'unit']);
    expect(SweepSummarySchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('says what each interval rests on: 25 runs lost writes, 96 measured detection', () => {
    expect(s.metrics.ackedWritesLost).toMatchObject({ n: 100, events: 25, ciMethod: 'bootstrap-t', ciWarning: null });
    expect(s.metrics.detectionMs).toMatchObject({ n: 96, ciMethod: 'bootstrap-t', ciWarning: null });
    // 3 lost writes in a quarter of the runs: the interval is skewed towards more loss, as the runs are.
    const [lo, hi] = s.metrics.ackedWritesLost!.ci95!;
    expect(lo).toBeGreaterThan(0);
    expect(hi - 0.75).toBeGreaterThan(0.75 - lo);
  });

  it('resamples from a stream of the sweep\'s seed: other seeds, another interval; other metrics chosen, the same', () => {
    const later = summarizeRuns(RECORDS.map((r) => ({ ...r, seed: r.seed + 1000 })), { metricInfo: INFO });
    expect(later.metrics.writeDowntimeMs!.ci95).not.toEqual(s.metrics.writeDowntimeMs!.ci95);
    expect(later.metrics.writeDowntimeMs!.mean).toBe(s.metrics.writeDowntimeMs!.mean);
    const one = summarizeRuns(RECORDS, { metricInfo: INFO, metrics: ['ackedWritesLost'] });
    expect(one.metrics.ackedWritesLost).toEqual(s.metrics.ackedWritesLost);
  });

  it('leaves NaN (null) runs out of a metric', () => {
    const d = s.metrics.detectionMs!;
    expect(d.n).toBe(96);
    const values = RECORDS.map((r) => r.metrics.detectionMs).filter((v): v is number => v !== null);
    expect(d.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
  });

  it('counts claims with Wilson intervals, and the rule of three only when a claim never failed', () => {
    expect(s.claims['write downtime <= 30 s']).toMatchObject({ passed: 90, runs: 100, passRate: 0.9 });
    expect(s.claims['write downtime <= 30 s']!.ruleOfThreeFailureBound).toBeUndefined();
    expect(s.claims['zero acknowledged writes lost']).toMatchObject({ passed: 100, runs: 100, passRate: 1, ruleOfThreeFailureBound: 0.03 });
    expect(s.claims['zero acknowledged writes lost']!.wilson95[1]).toBe(1);
  });

  it('gives nines for ...AvailabilityPct and a per-year estimate for ...DowntimeMs', () => {
    const a = s.availability!.readAvailabilityPct!;
    expect(a.availability).toBeCloseTo(s.metrics.readAvailabilityPct!.mean! / 100, 15);
    expect(a.nines).toBeCloseTo(-Math.log10(1 - a.availability), 12);
    expect(a.ninesCi95![0]).toBeLessThan(a.nines!);
    expect(a.ninesCi95![1]!).toBeGreaterThan(a.nines!);

    const y = s.perYear!.writeDowntimeMs!;
    const m = s.metrics.writeDowntimeMs!;
    expect(y.incidentsPerYear).toBe(4);
    expect(y.downtimeMsPerYear).toBeCloseTo(4 * m.mean!, 9);
    expect(y.downtimeMsPerYearCi95).toEqual([4 * m.ci95![0], 4 * m.ci95![1]]);
    expect(y.availability).toBeCloseTo(1 - (4 * m.mean!) / YEAR_MS, 15);
    // More downtime, less availability: the interval's ends swap.
    expect(y.availabilityCi95![0]).toBeCloseTo(1 - (4 * m.ci95![1]) / YEAR_MS, 15);
    expect(Object.keys(s.perYear!)).toEqual(['writeDowntimeMs']); // detectionMs is not a downtime
  });

  it('leaves availability and perYear out without units or an incident rate', () => {
    const plain = summarizeRuns(RECORDS);
    expect(plain.availability).toBeUndefined();
    expect(plain.perYear).toBeUndefined();
    expect('unit' in plain.metrics.writeDowntimeMs!).toBe(false);
    expect(summarizeRuns(RECORDS, { metricInfo: INFO }).perYear).toBeUndefined();
  });

  it('is the same object and the same text, byte for byte, whatever order the records come in', () => {
    const json = JSON.stringify(s);
    const text = formatSummary(s, ansiPalette);
    for (const seed of [1, 2, 3, 4, 5]) {
      const again = summarizeRuns(shuffled(RECORDS, seed), { metricInfo: INFO, incidentsPerYear: 4 });
      expect(JSON.stringify(again)).toBe(json);
      expect(formatSummary(again, ansiPalette)).toBe(text);
    }
  });

  it('survives a JSON round trip unchanged (no NaN or Infinity inside)', () => {
    const allUp = makeRecords(5, () => ({ readAvailabilityPct: 100, writeDowntimeMs: 0, neverMs: null }));
    const t = summarizeRuns(allUp, { metricInfo: INFO, incidentsPerYear: 2 });
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    expect(t.availability!.readAvailabilityPct!.nines).toBeNull(); // 100%: unbounded
    expect(t.metrics.neverMs).toEqual({ n: 0, mean: null, sd: null, ci95: null, p50: null, p95: null, p99: null, min: null, max: null, events: 0, ciMethod: null, ciWarning: 'too-few-runs' });
    expect(SweepSummarySchema.safeParse(t).success).toBe(true);
  });

  it('rejects runs that cannot be summarized together', () => {
    expect(() => summarizeRuns([])).toThrow(/no runs/);
    const mixed = [...RECORDS.slice(0, 3), { ...RECORDS[3]!, params: { ttlMs: 20_000 } }];
    expect(() => summarizeRuns(mixed)).toThrow(/different parameters \(run 0 and run 3: ttlMs=10000 vs 20000\)/);
    expect(() => summarizeRuns([...RECORDS.slice(0, 3), RECORDS[1]!])).toThrow(/run index 1 appears more than once/);
    expect(() => summarizeRuns([RECORDS[0]!, { ...RECORDS[1]!, scenario: 'other' }])).toThrow(/different scenarios/);
    expect(() => summarizeRuns(RECORDS, { incidentsPerYear: -1 })).toThrow(/incidentsPerYear/);
    // Key order is not a difference.
    const reordered = [{ ...RECORDS[0]!, params: { b: 1, a: 2 } }, { ...RECORDS[1]!, params: { a: 2, b: 1 } }];
    expect(summarizeRuns(reordered).params).toEqual({ b: 1, a: 2 });
  });
});

describe('formatSummary', () => {
  const text = formatSummary(summarizeRuns(RECORDS, { metricInfo: INFO, incidentsPerYear: 4 }));

  it('shows the metric table, claims, availability and per-year sections', () => {
    expect(text).toContain('scenario-a  100 runs, seeds 42..141');
    expect(text).toMatch(/metric\s+n\s+mean\s+95% CI of mean\s+p50\s+p95\s+p99\s+min\s+max/);
    expect(text).toMatch(/detectionMs\s+96\s/);
    expect(text).toContain('FAIL  write downtime <= 30 s\n        held in 90 of 100 runs: 90.0% [82.6%, 94.5%] (95% Wilson)');
    expect(text).toContain('PASS  zero acknowledged writes lost\n        held in 100 of 100 runs: 100.0% [96.3%, 100.0%] (95% Wilson); never failed in 100 runs: failure rate < 3/100 = 3.00% (95%)');
    expect(text).toContain('availability (mean over runs)');
    expect(text).toContain('per year, at 4 incidents a year');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/ \n/); // no trailing spaces
  });

  it('has no interval note when every interval rests on enough runs and events', () => {
    expect(text).not.toContain('note');
    expect(intervalNotes([], plainPalette)).toEqual([]);
  });

  it('names the intervals that rest on too few runs with an event, or too few runs', () => {
    const rare = makeRecords(200, (i) => ({ ackedWritesLost: i === 17 || i === 150 ? 4 : 0, duplicateWrites: 0, writeDowntimeMs: 20_000 + i }));
    const noted = formatSummary(summarizeRuns(rare, { metricInfo: INFO }));
    expect(noted).toMatch(/ackedWritesLost\s+200\s+0\.04\s+n\/a\s/); // 2 events cannot bound the mean
    expect(noted).toContain('  note: fewer than 10 runs with an event (a value other than the most common\n        one), too few for a trustworthy 95% interval:\n        ackedWritesLost (2 of 200), duplicateWrites (0 of 200)\n');
    const small = formatSummary(summarizeRuns(rare.slice(0, 6), { metricInfo: INFO }));
    expect(small).toContain('  note: 6 runs, too few for a trustworthy 95% interval (10 or more needed)\n');
  });

  it('prints percentages with the digits their interval needs', () => {
    const line = text.split('\n').find((l) => l.trimStart().startsWith('readAvailabilityPct'))!;
    expect(line).toMatch(/99\.99\d\d%\s+\[99\.99\d\d%, 99\.99\d\d%\]/);
  });
});
