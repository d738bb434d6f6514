import { describe, expect, it } from 'vitest';
import type { MetricInfo } from '../../src/scenario/scenario.js';
import { ansiPalette } from '../../src/report/palette.js';
import { formatSummary, summarizeRuns, YEAR_MS } from '../../src/stats/index.js';
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
    expect(Object.keys(s)).toEqual(['scenario', 'runs', 'seeds', 'params', 'metrics', 'claims', 'availability', 'perYear']);
    expect(s.scenario).toBe('scenario-a');
    expect(s.runs).toBe(100);
    expect(s.seeds).toEqual({ first: 42, last: 141 });
    expect(s.params).toEqual({ ttlMs: 10_000 });
    expect(Object.keys(s.metrics)).toEqual(['writeDowntimeMs', 'readAvailabilityPct', 'ackedWritesLost', 'detectionMs']);
    expect(Object.keys(s.metrics.writeDowntimeMs!)).toEqual(['n', 'mean', 'sd', 'ci95', 'p50', 'p95', 'p99', 'min', 'max', 'unit']);
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
    expect(t.metrics.neverMs).toEqual({ n: 0, mean: null, sd: null, ci95: null, p50: null, p95: null, p99: null, min: null, max: null });
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

  it('prints percentages with the digits their interval needs', () => {
    const line = text.split('\n').find((l) => l.trimStart().startsWith('readAvailabilityPct'))!;
    expect(line).toMatch(/99\.99\d\d%\s+\[99\.99\d\d%, 99\.99\d\d%\]/);
  });
});
