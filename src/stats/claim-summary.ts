import type { Interval } from './interval.js';
import { ruleOfThree, wilson95 } from './proportion.js';

/**
 * How often a claim held over a sweep. `ruleOfThreeFailureBound` is there
 * only when it never failed: "0 failures in N runs" alone reads as "never
 * fails", and the bound says how rare a failure can still be (< 3/N, 95%).
 */
export interface ClaimSummary {
  readonly passed: number;
  readonly runs: number;
  readonly passRate: number;
  readonly wilson95: Interval;
  readonly ruleOfThreeFailureBound?: number;
}

export function summarizeClaim(passed: number, runs: number): ClaimSummary {
  const base = { passed, runs, passRate: runs === 0 ? 0 : passed / runs, wilson95: wilson95(passed, runs) };
  return passed === runs && runs > 0 ? { ...base, ruleOfThreeFailureBound: ruleOfThree(runs) } : base;
}
