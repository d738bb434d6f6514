/**
 * failsim's public API: what a user's own scenario module, a programmatic
 * run or a regression test imports from "failsim".
 */
export * from './kernel/index.js';
export { defineScenario, type Scenario, type AnyScenario, type Claim, type ClaimVerdict, type MetricInfo, type ParamsSchema } from './scenario/scenario.js';
export type { PaneData, SeriesValue } from './scenario/inspect.js';
export { recordLine } from './scenario/record-line.js';
export { defineSystem, recordsOf, type System, type SystemSpec, type ScenarioSpec, type SystemView, type Built, type RecordTypes } from './scenario/system.js';
export type { Invariant, InvariantVerdict, InvariantWatch, Sometimes } from './scenario/invariant.js';
export type { FaultSpace, FaultKind } from './scenario/fault-space.js';
export type { InvariantResult, Coverage } from './runner/invariant-run.js';
export { FaultSpecSchema, FaultFileSchema, faultsFromJson, toFault, toSpec, type FaultSpec } from './scenario/fault-spec.js';
export { BadInput, parseSettings, resolveParams } from './scenario/settings.js';
export { BadFault } from './runner/bad-fault.js';
export { faultCatalogue, type CatalogueEntry } from './runner/fault-catalogue.js';
export { runHeld, verdictOf, type Verdict } from './runner/run-held.js';
export { runScenario, prepareRun, type RunOptions, type RunResult, type ClaimResult, type TimelineEntry } from './runner/run-scenario.js';
export { JsonReportSchema, type JsonReport } from './report/json-schema.js';
export { CheckReportSchema, type CheckReport } from './check/check-schema.js';
export { checkScenario, faultScheduleArbitrary, CheckFailed, type CheckScenarioOptions, type ScenarioRun } from './check/check-scenario.js';
export type { Counterexample } from './check/check-loop.js';
export { DiffReportSchema, DivergenceSchema, DeterminismSchema, type DiffReport } from './diff/schema.js';
/** The reusable component models (load balancer, retry client, lifecycle, pod, Kafka, Redis, ...) with their option types. */
export * from '../models/index.js';
