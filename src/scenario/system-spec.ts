import type { z } from 'zod';
import type { Simulation } from '../kernel/simulation.js';
import type { TraceRecord } from '../kernel/trace.js';
import type { FaultSpec } from './fault-spec.js';
import type { FaultSpace } from './fault-space.js';
import type { PaneData, SeriesValue } from './inspect.js';
import type { Invariant, Sometimes } from './invariant.js';
import type { Claim, DocumentedFailure, MetricInfo, ParamsSchema, Scenario } from './scenario.js';

/*
 * The shapes of a system and of its scenarios. Their own module: defineSystem
 * (system.ts) and the adapter onto Scenario (system-scenario.ts) both use them.
 */

/** What metrics, panes, series and invariants see: the models, what was measured, the run. */
export interface SystemView<W, O, P> {
  /** What build returned: the models only. */
  readonly world: W;
  /** What observe returned: the measurement state. */
  readonly observed: O;
  readonly sim: Simulation;
  readonly params: P;
}

/** What a system scenario's build returns to the runner (its "world"). */
export interface Built<W, O> {
  readonly world: W;
  readonly observed: O;
}

/** Carries a system's trace record type, and nothing at run time. */
declare const RECORDS: unique symbol;
export interface RecordTypes<R extends TraceRecord> {
  readonly [RECORDS]?: R;
}
export function recordsOf<R extends TraceRecord>(): RecordTypes<R> {
  return {};
}

/**
 * One system: its parameters, its models (build), how it is measured
 * (observe, metrics) and how it is shown and checked. Every scenario of the
 * system shares these; a scenario adds its faults and claims.
 */
export interface SystemSpec<S extends ParamsSchema, W, O, M extends Record<string, number>, R extends TraceRecord = TraceRecord> {
  /** The folder name, e.g. 'patroni-k8s'. */
  readonly id: string;
  /** The document; each scenario's `source` (its section) is appended after a comma. */
  readonly source: string;
  readonly params: S;
  readonly records?: RecordTypes<R>;
  durationMs(p: z.output<S>): number;
  /** Wiring only: models and workload. No counters, histograms or sinks. */
  build(sim: Simulation, p: z.output<S>): W;
  /**
   * Measurement: registers trace sinks and model hooks and returns their
   * state. Runs right after build, before any fault is scheduled, so what it
   * schedules (a read-only sampler) keeps its place in the event queue.
   */
  observe(world: W, sim: Simulation, p: z.output<S>): O;
  /** Read-only, and callable at any instant (the TUI measures mid-run). Keys in report order. */
  metrics(v: SystemView<W, O, z.output<S>>): M;
  /** Every metric has a label and a unit. */
  readonly metricInfo: { readonly [K in keyof M]: MetricInfo };
  timeline?(rec: R): string | null;
  notes?(p: z.output<S>): string[];
  /** Checkers, in report order; their `watch` gets the system's view as its world. */
  readonly invariants?: readonly Invariant<z.output<S>, SystemView<W, O, z.output<S>>, R>[];
  /** The faults `sim check` may try on every scenario of the system (a scenario may replace it). */
  readonly faultSpace?: FaultSpace<z.output<S>>;
  readonly sometimes?: readonly Sometimes<R>[];
  panes?(v: SystemView<W, O, z.output<S>>): PaneData[];
  series?(v: SystemView<W, O, z.output<S>>): SeriesValue[];
}

/** One scenario of a system: what fails, what the document claims, and any defaults it changes. */
export interface ScenarioSpec<S extends ParamsSchema, M extends Record<string, number>> {
  readonly id: string;
  readonly title: string;
  /** The section of the system's document. */
  readonly source: string;
  readonly description?: string;
  /** What the source document states of this failure (see Scenario.documented). */
  readonly documented?: DocumentedFailure;
  /** New defaults for some parameters (each checked against its field). */
  readonly defaults?: Partial<z.input<S>>;
  faults(p: z.output<S>): FaultSpec[];
  readonly claims: readonly Claim<z.output<S>, M>[];
  /** Replaces the system's fault space; null removes it. */
  readonly faultSpace?: FaultSpace<z.output<S>> | null;
}

export interface System<S extends ParamsSchema, W, O, M extends Record<string, number>, R extends TraceRecord = TraceRecord> {
  readonly spec: SystemSpec<S, W, O, M, R>;
  scenario(s: ScenarioSpec<S, M>): Scenario<S, Built<W, O>, M>;
}
