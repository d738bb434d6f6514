import type { z } from 'zod';
import type { Simulation } from '../kernel/simulation.js';
import type { TraceRecord } from '../kernel/trace.js';
import type { FaultSpec } from './fault-spec.js';
import type { FaultSpace } from './fault-space.js';
import type { Invariant, Sometimes } from './invariant.js';
import type { PaneData, SeriesValue } from './inspect.js';
import type { SloImpact } from './slo-ledger.js';

/** How a metric is shown: its label, its unit, and what "better" means. */
export interface MetricInfo {
  readonly label: string;
  readonly unit: 'ms' | 'count' | 'ratio' | 'percent' | 'bytes' | 'per_s';
  readonly description?: string;
}

export interface ClaimVerdict {
  readonly pass: boolean;
  readonly detail: string;
}

/** A statement from the source document, checked against measured metrics. */
export interface Claim<P, M> {
  readonly name: string;
  /** Where the claim comes from, e.g. "seed 000, Scenario A, Impact Assessment". */
  readonly source?: string;
  check(metrics: M, params: P): ClaimVerdict;
}

export type ParamsSchema = z.ZodObject<any>;

/**
 * What a failure-mode document states for one failure: the SLO impact its
 * section gives, whether its recovery lists automated and manual steps, and
 * the document's own summary table (the same object for every failure of
 * one document), which `sim matrix` holds against the sections and the
 * measurements.
 */
export interface DocumentedFailure {
  readonly impact?: SloImpact;
  readonly autoRecovery?: boolean;
  readonly manualRecovery?: boolean;
  /**
   * The document's Recovery Time Objectives row, as printed ("<30 seconds",
   * "Immediate", "None"); `sim matrix` sets the metrics detectionMs,
   * recoveryMs and dataLost beside it.
   */
  readonly rto?: { readonly detection: string; readonly recovery: string; readonly dataLoss: string };
  readonly summary?: DocumentSummary;
}

/** A document's severity table: per severity, failures counted, and how many recover automatically and manually. */
export interface DocumentSummary {
  readonly rows: readonly { readonly severity: string; readonly count: number; readonly auto: number; readonly manual: number }[];
}

/**
 * A scenario: parameters (zod, with defaults and units in the names), the
 * models it builds, a default fault schedule, the metrics it measures and the
 * claims it checks. `build` wires models into the simulation; everything else
 * is read from what it returns.
 */
export interface Scenario<S extends ParamsSchema = ParamsSchema, W = unknown, M extends Record<string, number> = Record<string, number>> {
  readonly id: string;
  readonly title: string;
  /** The document the scenario comes from. */
  readonly source: string;
  readonly description?: string;
  /** What the source document says of this failure's impact and recovery, for `sim matrix` to set beside the measurements. */
  readonly documented?: DocumentedFailure;
  readonly params: S;
  /** Default virtual run length in ms. */
  durationMs(params: z.output<S>): number;
  /** The default fault schedule (replaced by `--faults FILE`). */
  faults(params: z.output<S>): FaultSpec[];
  /** Builds the models. Runs before any fault is scheduled. */
  build(sim: Simulation, params: z.output<S>): W;
  /** Reads the measured metrics at the end of the run. */
  metrics(world: W, sim: Simulation, params: z.output<S>): M;
  readonly metricInfo?: { readonly [K in keyof M]?: MetricInfo };
  readonly claims: readonly Claim<z.output<S>, M>[];
  /** A timeline line for a key trace record, or null to leave it out of the timeline. */
  timeline?(rec: TraceRecord): string | null;
  /** Remarks on the configuration, e.g. a violated Patroni timing rule. */
  notes?(params: z.output<S>): string[];
  /** Properties every run must keep (checked by `sim run` and `sim check`; see invariant.ts). */
  readonly invariants?: readonly Invariant<z.output<S>, NoInfer<W>>[];
  /** The faults `sim check` may generate (see fault-space.ts); without one, `sim check` refuses the scenario. */
  readonly faultSpace?: FaultSpace<z.output<S>>;
  /** Code paths worth reaching; runs report how often they were. */
  readonly sometimes?: readonly Sometimes[];
  /** The TUI's component panes: the models' state now. Read-only (see inspect.ts). */
  inspect?(world: W, sim: Simulation, params: z.output<S>): PaneData[];
  /** The TUI's charts: key series (error rate, latency, lag) read at a sample instant. Read-only. */
  series?(world: W, sim: Simulation, params: z.output<S>): SeriesValue[];
}

export type AnyScenario = Scenario<ParamsSchema, any, any>;

/** Identity with inference: lets TypeScript check a scenario's pieces against each other. */
export function defineScenario<S extends ParamsSchema, W, M extends Record<string, number>>(s: Scenario<S, W, M>): Scenario<S, W, M> {
  return s;
}
