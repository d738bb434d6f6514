/** Blue-green deployment with an automated rollback and schema migrations (seed 001, "Failed Deployment"). */
export { BlueGreen, isFailure, type DeployPhase } from './blue-green.js';
export { DEFAULT_BLUE_GREEN, type BlueGreenOptions } from './blue-green-options.js';
export { Deployment, otherColour, type Colour, type DeploymentOutcome, type DeployWindow } from './deployment.js';
export { Environment } from './environment.js';
export { DEFECT_KINDS as RELEASE_DEFECT_KINDS, HEALTHY, newestSchema, release, type Defect, type DefectKind as ReleaseDefectKind, type Release } from './release.js';
export { SchemaState, checkMigration, type Migration } from './schema.js';
export { DEFAULT_ANALYSIS, ErrorRateAnalysis, type AnalysisOptions, type Measurement } from './rollback-trigger.js';
export { OutcomeWindow, type WindowCounts } from './outcome-window.js';
export { SmokeCheck } from './smoke-check.js';
export { RoutedCall, type AnswerShaper, type RouteSink, type RoutedReply } from './routed-call.js';
export { DEPLOY_PARAMS, deployPlanOf, type DeployParams, type DeployPlan } from './deploy-fault.js';
export { type DeployEvents, type DeployRecord } from './deploy-events.js';
