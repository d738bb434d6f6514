import type { RandomStream } from '../../src/kernel/rng.js';
import { DEFECT_KINDS, type DefectKind } from './defect-catalogue.js';

/** Relative weights of the defect kinds among invalid writes (fractions summing to 1 read best); a kind left out never occurs. */
export type DefectMix = Partial<Record<DefectKind, number>>;

/**
 * ASSUMPTION: no published measurement of what a service's invalid writes
 * consist of was found, so this mix is reasoned, not measured; replace it
 * with your own (your 4xx validation errors by rule, your constraint
 * violations by SQLSTATE, your reconciliation findings by check).
 * - 55% defects visible in the payload alone (missing field 20%, wrong type
 *   10%, out of range 20%, mass assignment 5%): every client version and
 *   every hostile caller sends them ("the user is malicious", seed 001), and
 *   each needs only one bad request.
 * - Duplicates 20%: seed 001 retries writes with backoff; every retry of a
 *   write whose commit succeeded but whose reply was lost is a double submit.
 * - 5% each for the state-dependent kinds (invariant violation, broken
 *   reference, illegal transition): they need a request that races or
 *   disagrees with stored state, a rarer coincidence than a bad field.
 * - 5% each for the kinds no request-time check can see (cross-record,
 *   silent corruption): they come from concurrency and from bugs, not from
 *   callers, and are the ones the seed's Layer 4 exists for.
 */
export const DEFAULT_DEFECT_MIX: Readonly<Record<DefectKind, number>> = {
  'missing-field': 0.2,
  'wrong-type': 0.1,
  'out-of-range': 0.2,
  'mass-assignment': 0.05,
  'invariant-violation': 0.05,
  'broken-reference': 0.05,
  duplicate: 0.2,
  'illegal-transition': 0.05,
  'cross-record': 0.05,
  'silent-corruption': 0.05,
};

/** A mix as cumulative weights over DEFECT_KINDS, checked once. */
export interface PreparedMix {
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function prepareMix(mix: DefectMix): PreparedMix {
  const cumulative: number[] = [];
  let total = 0;
  for (const kind of DEFECT_KINDS) {
    const w = mix[kind] ?? 0;
    if (!(w >= 0 && w < Infinity)) throw new Error(`defect mix: weight of ${kind} must be a finite number >= 0, got ${w}`);
    cumulative.push((total += w));
  }
  for (const kind of Object.keys(mix)) {
    if (!(DEFECT_KINDS as readonly string[]).includes(kind)) throw new Error(`defect mix: unknown defect kind ${kind} (known: ${DEFECT_KINDS.join(', ')})`);
  }
  if (!(total > 0)) throw new Error('defect mix: all weights are 0');
  return { cumulative, total };
}

function pick(rng: RandomStream, mix: PreparedMix): DefectKind {
  const u = rng.next() * mix.total;
  const c = mix.cumulative;
  let i = c.findIndex((x) => u < x);
  // u rounded up to the total: the last kind with a weight, never a weight-0 one.
  if (i < 0) for (i = c.length - 1; i > 0 && c[i] === c[i - 1]; i--);
  return DEFECT_KINDS[i]!;
}

/**
 * The defects of one invalid write: one kind from the mix, then while a
 * draw with `extraProbability` succeeds, another (a kind already present
 * adds nothing). The number of draws depends only on the mix and the
 * stream, never on which layers run, so two runs that differ only in their
 * switches see the same writes with the same defects.
 */
export function drawDefects(rng: RandomStream, mix: PreparedMix, extraProbability = 0): DefectKind[] {
  if (!(extraProbability >= 0 && extraProbability < 1)) throw new Error(`defect mix: extraProbability must be in [0, 1), got ${extraProbability}`);
  const defects = [pick(rng, mix)];
  while (extraProbability > 0 && rng.bernoulli(extraProbability)) {
    const kind = pick(rng, mix);
    if (!defects.includes(kind)) defects.push(kind);
  }
  return defects;
}
