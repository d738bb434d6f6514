import { describe, expect, it } from 'vitest';
import { failureMatrix, formatMatrix } from '../../src/stats/index.js';
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
