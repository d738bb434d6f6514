import type { Fault } from '../kernel/faults.js';
import { formatTime, type Micros } from '../kernel/time.js';
import type { InvariantResult } from './invariant-run.js';
import { lastHeal } from './last-heal.js';
import type { ClaimResult } from './claim-result.js';

/**
 * Why a run's claims cannot be judged: it ended (`--until`) before some of
 * its scheduled faults fired, or before the fault schedule was over (a
 * node crash with `recoverAfterMs` still down: see lastHeal), so its
 * metrics tell another, shorter story than the scenario's. Undefined when
 * the whole schedule played out.
 */
export function faultsNotReached(faults: readonly Fault[], endUs: Micros): string | undefined {
  const late = faults.filter((f) => f.at > endUs).sort((a, b) => a.at - b.at);
  const ended = `the run ended at ${formatTime(endUs)}`;
  if (late.length > 0) {
    const first = late[0]!;
    const more = late.length === 1 ? 'the fault' : `${late.length} scheduled faults, the first`;
    return `${ended}, before ${more} (${first.target} ${first.kind}) at ${formatTime(first.at)}`;
  }
  const healed = lastHeal(faults);
  return healed > endUs ? `${ended}, before the faults were over at ${formatTime(healed)}` : undefined;
}

/** Claims judged on a run cut short: each "not reached", whatever its check said on the metrics so far. */
export function claimsNotReached(claims: readonly ClaimResult[], reason: string | undefined): ClaimResult[] {
  if (reason === undefined) return [...claims];
  return claims.map((c) => ({ ...c, notReached: reason, detail: `not reached: ${reason}; measured so far: ${c.detail}` }));
}

/**
 * Invariants on a run cut short before its faults fired: one that held so
 * far is "not reached" (the faults it is about never came); a violation
 * stays a violation, since the run did break it.
 */
export function invariantsNotReached(invariants: readonly InvariantResult[], reason: string | undefined): InvariantResult[] {
  if (reason === undefined) return [...invariants];
  return invariants.map((i) => (i.pass && i.notReached === undefined ? { ...i, notReached: reason, detail: `not reached: ${reason}; so far: ${i.detail}` } : i));
}
