/**
 * What a scenario (scenarios/**) imports from failsim: the scenario API and
 * the few kernel pieces a system's observers, timelines and checkers use.
 * Scenario code imports the kernel only through this file, so the layers
 * test (test/architecture/layers.test.ts) can hold the line between
 * simulation primitives (for models) and scenario wiring.
 */
export type { Simulation } from '../kernel/simulation.js';
export type { RandomStream } from '../kernel/rng.js';
export type { TraceRecord, TraceSink, TraceData } from '../kernel/trace.js';
export { type EventMap, type RecordOf, type FaultRecord, isFaultRecord } from '../kernel/trace-events.js';
export { type Micros, ms, sec, toMs, toSec, US_PER_MS, US_PER_S, formatTime, formatDuration } from '../kernel/time.js';
export { Counter } from '../kernel/metrics/counter.js';
export { Histogram } from '../kernel/metrics/histogram.js';
export { DowntimeTracker, type Window } from '../kernel/metrics/downtime.js';
export { percentile } from '../kernel/metrics/percentile.js';

export { defineScenario, type DocumentedFailure, type DocumentSummary, type Scenario, type AnyScenario, type Claim, type ClaimVerdict, type MetricInfo, type ParamsSchema } from './scenario.js';
export { defineSystem, recordsOf, type System, type SystemSpec, type ScenarioSpec, type SystemView, type Built, type RecordTypes } from './system.js';
export type { Invariant, InvariantVerdict, InvariantWatch, Sometimes } from './invariant.js';
export type { FaultSpace, FaultKind } from './fault-space.js';
export type { FaultSpec } from './fault-spec.js';
export { SERIES_STEP_US, type PaneData, type SeriesValue } from './inspect.js';
export { recordLine } from './record-line.js';
export { SloLedger, DEFAULT_SLO, SLO_IMPACTS, budgetBurned, budgetMinutes, gradeImpact, type SloImpact, type SloPolicy } from './slo-ledger.js';
