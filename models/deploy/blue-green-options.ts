import type { GenericServiceOptions } from '../service/service-options.js';
import { release, type Release } from './release.js';
import { DEFAULT_ANALYSIS, checkAnalysisOptions, type AnalysisOptions } from './rollback-trigger.js';

/**
 * A blue-green pair (Fowler's "two production environments, as identical as
 * possible" behind one router [FOWLER-BG]; Argo Rollouts' active Service
 * switched between two ReplicaSets [ARGO-BG]) and its deployment pipeline.
 */
export interface BlueGreenOptions {
  /** Instances per colour. */
  readonly replicas: number;
  /** Each instance's GenericService options. */
  readonly service: Partial<GenericServiceOptions>;
  /** What blue runs when the run starts (green starts with the same, idle). */
  readonly initial: Release;
  /** The database schema's version when the run starts. */
  readonly schemaVersion: number;
  /** Deploy start to the new colour's processes running (image pull, start-up): our choice, 20 s. */
  readonly deployMs: number;
  /**
   * Requests sent to the new colour once it runs (and the migration is
   * done), all of which must succeed before the switch (Argo's
   * prePromotionAnalysis). 0, Argo's default: promotion once the pods are
   * available, with no request tried.
   */
  readonly smokeRequests: number;
  /** A smoke request not answered by then counts as failed (seed 001's 2 s read timeout). */
  readonly smokeTimeoutMs: number;
  /** Ready to the switch starting (Argo's autoPromotionSeconds; 0: autoPromotionEnabled, its default). */
  readonly pauseBeforeSwitchMs: number;
  /** The switch's own time: the router's, or a Service selector's, change reaching every node (next-models 1.6: at most 1 s in-model). */
  readonly switchMs: number;
  /** The switch back after the trigger fires: the same change the other way. */
  readonly rollbackSwitchMs: number;
  /**
   * The old colour is scaled down this long after the switch, which ends
   * the analysis (Argo cancels a post-promotion AnalysisRun at
   * scaleDownDelay) and the way back. Argo's default is 30 s [ARGO-BG];
   * ours keeps the old colour warm for good, the seed's "rollback ready".
   */
  readonly scaleDownDelayMs: number;
  /** The automated rollback trigger, watching the new colour from the switch. */
  readonly analysis: AnalysisOptions;
  /** A rollback also reverts an applied migration the old release cannot work with, when it can be reverted. */
  readonly revertOnRollback: boolean;
}

export const DEFAULT_BLUE_GREEN: BlueGreenOptions = {
  replicas: 2,
  service: {},
  initial: release('v1.0', [1]),
  schemaVersion: 1,
  deployMs: 20_000,
  smokeRequests: 0,
  smokeTimeoutMs: 2_000,
  pauseBeforeSwitchMs: 0,
  switchMs: 1_000,
  rollbackSwitchMs: 1_000,
  scaleDownDelayMs: Infinity,
  analysis: DEFAULT_ANALYSIS,
  revertOnRollback: true,
};

export function checkBlueGreenOptions(name: string, o: BlueGreenOptions): void {
  const bad = (what: string, v: unknown) => new Error(`blue-green ${name}: ${what}, got ${String(v)}`);
  if (!(Number.isInteger(o.replicas) && o.replicas >= 1)) throw bad('replicas must be a whole number >= 1', o.replicas);
  if (!(Number.isInteger(o.smokeRequests) && o.smokeRequests >= 0)) throw bad('smokeRequests must be a whole number >= 0', o.smokeRequests);
  for (const k of ['deployMs', 'smokeTimeoutMs', 'pauseBeforeSwitchMs', 'switchMs', 'rollbackSwitchMs'] as const) {
    if (!(o[k] >= 0 && Number.isFinite(o[k]))) throw bad(`${k} must be finite and >= 0`, o[k]);
  }
  if (!(o.scaleDownDelayMs >= 0)) throw bad('scaleDownDelayMs must be >= 0 (Infinity: never)', o.scaleDownDelayMs);
  if (!o.initial.schemas.includes(o.schemaVersion)) throw bad(`the initial release ${o.initial.name} must work on schema ${o.schemaVersion}`, o.initial.schemas.join(','));
  checkAnalysisOptions(o.analysis);
}
