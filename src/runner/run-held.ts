import type { RunResult } from './run-scenario.js';

/** A claim's or invariant's outcome: held, failed (violated), or not reached because the run ended too soon to judge it. */
export type Verdict = 'pass' | 'fail' | 'not reached';

/** The verdict of a claim or invariant result; `notReached` (the reason) wins over `pass`, which was judged on a run cut short. */
export function verdictOf(r: { readonly pass: boolean; readonly notReached?: string | undefined }): Verdict {
  return r.notReached !== undefined ? 'not reached' : r.pass ? 'pass' : 'fail';
}

/**
 * Whether a run is a pass (exit code 0): every claim held and every
 * invariant held, none of them "not reached". A run cut short (--until)
 * before its faults fired, or before an `eventually` invariant could be
 * judged, is not a success: exit 1, like a failed claim.
 */
export function runHeld(r: Pick<RunResult, 'claims' | 'invariants'>): boolean {
  return r.claims.every((c) => verdictOf(c) === 'pass') && r.invariants.every((i) => verdictOf(i) === 'pass');
}
