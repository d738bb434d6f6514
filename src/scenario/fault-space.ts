import type { FaultSpec } from './fault-spec.js';

/**
 * The faults `sim check` may throw at a scenario: which kinds, at which
 * targets, how severe, and when. Plain data, ordered so that shrinking
 * (toward index 0 and toward fewer faults) moves toward fewer, later and
 * milder faults: kinds, targets and severities go mildest or most common
 * first.
 */
export interface FaultSpace<P = any> {
  /** Faults start in [fromMs, toMs] of virtual time. */
  window(params: P): { readonly fromMs: number; readonly toMs: number };
  /** Most faults in one schedule (`sim check --max-faults` overrides). */
  readonly maxFaults: number;
  /** The kinds, mildest or most common first. */
  kinds(params: P): readonly FaultKind[];
}

export interface FaultKind {
  /** The name coverage reports ("crash", "partition"). */
  readonly name: string;
  /** What it may hit, most common first. */
  readonly targets: readonly string[];
  /** Severities, mildest first (an outage length in ms, say); [0] for a fault that has none. */
  readonly severities: readonly number[];
  /**
   * The concrete faults: the first is the fault itself (coverage counts it
   * as fired when a fault of its kind is delivered); any others undo it,
   * such as the `heal` after an `isolate`.
   */
  expand(target: string, severity: number, atMs: number): FaultSpec[];
}
