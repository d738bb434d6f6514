import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A blue-green deployment's phases in the trace (source: the router's name). */
export type DeployEvents = {
  /** The new colour is being replaced with `release`; `migration`: none, compatible (expand) or incompatible (contract). */
  'deploy-start': { release: string; colour: string; migration: string };
  /** A deploy asked for while another deployment or its rollback is under way: ignored. */
  'deploy-rejected': { release: string; reason: string };
  'migrated': { schema: number; backwardCompatible: boolean };
  /** The new colour never took traffic: not ready, or the smoke check failed. */
  'deploy-aborted': { release: string; reason: string };
  /** Traffic is on `colour` now. */
  'switched': { colour: string; release: string };
  /** One measurement of the analysis failed (the trigger fires once more than `failureLimit` have). */
  'measurement-failed': { errors: number; requests: number; failedMeasurements: number };
  'rollback-triggered': { errors: number; requests: number; afterSwitchMs: number };
  'rolled-back': { colour: string; release: string };
  /** Traffic is back on the old colour, which cannot work on the schema and the migration cannot be undone. */
  'rollback-failed': { release: string; schema: number; reason: string };
  'migration-reverted': { schema: number };
  /** The old colour serves again after a rollback (traffic back and the schema fit for it). */
  'restored': { afterSwitchMs: number };
  /** The old colour is scaled down (Argo's scaleDownDelaySeconds after the switch): the deployment is final. */
  'promoted': { release: string; scaledDown: string };
};
export type DeployRecord = RecordOf<DeployEvents>;
