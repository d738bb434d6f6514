import type { RunResult } from './run-scenario.js';

/** Whether a run is a pass: every claim held and no invariant was violated (exit code 0). */
export function runHeld(r: Pick<RunResult, 'claims' | 'invariants'>): boolean {
  return r.claims.every((c) => c.pass) && r.invariants.every((i) => i.pass);
}
