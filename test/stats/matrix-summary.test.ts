import { describe, expect, it } from 'vitest';
import { failureMatrix, formatMatrix, medianCi95 } from '../../src/stats/index.js';
import { matrixSummary } from '../../src/stats/matrix-summary.js';
import type { DocumentSummary } from '../../src/scenario/index.js';
import { makeRecords } from './make-records.js';

const SUMMARY: DocumentSummary = { rows: [{ severity: 'Critical', count: 1, auto: 1, manual: 1 }, { severity: 'High', count: 1, auto: 0, manual: 1 }] };

// A: the section says High; 7 of 10 runs measure High (3), 3 measure Medium (2); every run recovers by itself.
const a = makeRecords(10, (i) => ({ sloImpactLevel: i < 7 ? 3 : 2, budgetBurnedPct: 10 + i, manualStepNeeded: 0 }), undefined, { scenario: 'a' });
// B: the section says Low with automated and manual steps; every run measures None and needs an operator.
const b = makeRecords(10, () => ({ sloImpactLevel: 0, budgetBurnedPct: 0, manualStepNeeded: 1 }), undefined, { scenario: 'b' });

describe('the Summary Statistics of sim matrix', () => {
  const rows = failureMatrix([
    { id: 'a', title: 'A', records: a, documented: { impact: 'High', autoRecovery: false, manualRecovery: true, summary: SUMMARY } },
    { id: 'b', title: 'B', records: b, documented: { impact: 'Low', autoRecovery: true, manualRecovery: true, summary: SUMMARY } },
  ]);

  it('takes each failure\'s modal grade and median budget burned from its runs', () => {
    expect(rows[0]!.slo).toEqual({ stated: 'High', runsByGrade: [0, 0, 3, 7], modal: 'High', budgetBurnedP50: 14 });
    expect(rows[1]!.slo!.modal).toBe('None');
  });

  it('counts severities and recoveries as the table prints them, as the sections add up, and as measured', () => {
    const s = matrixSummary(rows)!;
    expect(s.severities).toEqual([
      { severity: 'Critical', table: 1, sections: 0, measured: null },
      { severity: 'High', table: 1, sections: 1, measured: 1 },
      { severity: 'Medium', table: 0, sections: 0, measured: 0 },
      { severity: 'Low', table: 0, sections: 1, measured: 0 },
      { severity: 'None', table: 0, sections: 0, measured: 1 },
    ]);
    expect([s.table, s.sections, s.measured]).toEqual([{ auto: 1, manual: 2 }, { auto: 1, manual: 2 }, { auto: 1, manual: 1 }]);
    expect(s.disagreements).toEqual([
      'Critical: the table counts 1, the sections 0',
      'Low: the table counts 0, the sections 1',
      'b: the section says Low, 10 of 10 runs measured None',
    ]);
  });

  it('prints the grades beside the document\'s, and the summary after the matrix', () => {
    const text = formatMatrix(rows);
    expect(text).toContain('High -> High (7 of 10), 14.0%');
    expect(text).toContain('Low -> None (10 of 10), 0.0%');
    expect(text).toContain('Summary Statistics (2 failures)');
    expect(text).toContain('b: the section says Low, 10 of 10 runs measured None');
  });

  it('leaves a matrix without documented failures as it was', () => {
    expect(matrixSummary(failureMatrix([{ id: 'b', title: 'B', records: b }]))).toBeNull();
  });
});

describe('the Recovery Time Objectives of sim matrix', () => {
  // 20 runs: detection 1..20 s, recovery 30 s each, data lost in runs 0 and 1.
  const recs = makeRecords(20, (i) => ({ detectionMs: (i + 1) * 1000, recoveryMs: 30_000, dataLost: i < 2 ? 3 : 0 }), undefined, { scenario: 'r' });
  const rows = failureMatrix([{ id: 'r', title: 'R', records: recs, documented: { rto: { detection: '<10 seconds', recovery: '<30 seconds', dataLoss: 'None' } } }]);

  it('takes the median with its order-statistic interval (n = 20: the 6th and 15th values) and the runs that lost data', () => {
    expect(rows[0]!.rto!.detection).toEqual({ n: 20, p50: 10_000, ci95: [6_000, 15_000] });
    expect(rows[0]!.rto!.recovery).toEqual({ n: 20, p50: 30_000, ci95: [30_000, 30_000] });
    expect(rows[0]!.rto!.dataLost).toMatchObject({ count: 2, runs: 20 });
  });

  it('prints the document\'s cell beside the measurement', () => {
    const text = formatMatrix(rows);
    expect(text).toContain('Recovery Time Objectives (document | measured)');
    expect(text).toContain('<10 seconds | 10.0s [6.0s, 15.0s]');
    expect(text).toContain('None | 10.0% of runs');
  });
});

describe('medianCi95', () => {
  const ranks = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  it('gives the order statistics of Conover\'s table: n = 10 -> (2, 9), 20 -> (6, 15), 100 -> (40, 61); none below n = 6', () => {
    expect([10, 20, 100].map((n) => medianCi95(ranks(n)))).toEqual([[2, 9], [6, 15], [40, 61]]);
    expect(medianCi95(ranks(5))).toBeNull();
  });
});
