import type { ClaimSummary } from './claim-summary.js';
import type { FailingSeeds } from './failing-seeds.js';
import type { RunRecord } from '../records/run-record.js';

/**
 * The exit status of a many-run command follows `sim run`'s: a claim that
 * failed in any run is a finding (exit 1), however rare, because "held in
 * 99.9% of runs" is still a counterexample to "always holds".
 */
export function everyClaimHeld(claims: Readonly<Record<string, ClaimSummary | null>>): boolean {
  return Object.values(claims).every((c) => c === null || c.passed === c.runs);
}

/**
 * A sweep's exit status, as `sim run`'s: held (exit 0) only when every claim
 * held in every run and no run violated an invariant.
 */
export function sweepHeld(claims: Readonly<Record<string, ClaimSummary | null>>, failures: readonly FailingSeeds[] | undefined): boolean {
  return everyClaimHeld(claims) && !(failures ?? []).some((f) => f.kind === 'invariant');
}

export function everyRunHeldItsClaims(records: readonly RunRecord[]): boolean {
  return records.every((r) => r.claims.every((c) => c.pass));
}

/**
 * Keeps only the metrics asked for (`--metric`), in the order asked; all of
 * them when none was asked for.
 */
export function selectMetricNames(all: readonly string[], wanted: readonly string[] | undefined): string[] {
  if (wanted === undefined || wanted.length === 0) return [...all];
  const present = new Set(all);
  return wanted.filter((m) => present.has(m));
}
