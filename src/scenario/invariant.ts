import type { Simulation } from '../kernel/simulation.js';
import type { TraceRecord } from '../kernel/trace.js';

/** What an invariant found: held or not, in words, and when it first broke if that is known. */
export interface InvariantVerdict {
  readonly pass: boolean;
  readonly detail: string;
  /** Virtual time (ms) of the violation, when known: `sim check` shows the trace around it. */
  readonly atMs?: number;
}

/** One run's watch on an invariant: sees the trace as it happens, gives a verdict when asked. */
export interface InvariantWatch<R extends TraceRecord = TraceRecord> {
  /** Every trace record, as it is emitted. Must only read state: the trace stays the same. */
  record?(rec: R): void;
  verdict(): InvariantVerdict;
}

/**
 * A property the system must keep whatever the faults do.
 *
 * - `always`: holds throughout the run; the watch checks it on every trace
 *   record or once at the end (no acknowledged write lost, never two
 *   writable primaries).
 * - `eventually`: the system converges once the faults are over. Its verdict
 *   is taken `withinMs` after the last fault heals (see lastHeal), or after
 *   `settleFromMs` if that is later (e.g. when the load ends).
 *
 * Checkers live apart from the models (scenarios/<system>/invariants/): they read
 * the models' observable state and the trace, and change neither.
 */
export interface Invariant<P = any, W = any, R extends TraceRecord = TraceRecord> {
  readonly name: string;
  readonly kind: 'always' | 'eventually';
  /** Where the property comes from (a document, a design rule). */
  readonly source?: string;
  /** eventually: how long after the last fault heals the system has to converge. */
  withinMs?(params: P): number;
  /** eventually: convergence is counted from the later of the last heal and this time. */
  settleFromMs?(params: P): number;
  /** Starts watching one run; called after the models are built, before any fault. */
  watch(world: W, sim: Simulation, params: P): InvariantWatch<R>;
}

/**
 * A code path worth reaching ("a leader race happened"): `sim check` reports
 * how often runs reached it, so a check that never exercised the mechanism
 * it is about says so instead of passing silently.
 */
export interface Sometimes<R extends TraceRecord = TraceRecord> {
  readonly name: string;
  reached(rec: R): boolean;
}
