import type { MetricInfo, SystemView } from '../../src/scenario/index.js';
import type { H2OTrainingObserved } from './observers.js';
import type { H2OTrainingParams } from './params.js';
import type { H2OTrainingWorld } from './world.js';

export interface H2OTrainingMetrics extends Record<string, number> {
  timeToGoodModelMs: number;
  jobOutcome: number;
  dataFraction: number;
  attempts: number;
  restarts: number;
  jobsFailed: number;
  cloudSizeMin: number;
  cloudSizeMax: number;
  healthyMembersMin: number;
  refusedNodes: number;
  deniedFlows: number;
}

export type H2OTrainingView = SystemView<H2OTrainingWorld, H2OTrainingObserved, H2OTrainingParams>;

/**
 * jobOutcome: 2 a good model (all the data), 1 a model from part of the
 * data, 0 no model yet (training, hung or waiting for a cloud), -1 the retry
 * block gave up, -2 the client never reached the cloud.
 */
export function jobOutcome(world: H2OTrainingWorld): number {
  if (world.client.state === 'unreachable') return -2;
  switch (world.recovery.state) {
    case 'good-model': return 2;
    case 'partial-model': return 1;
    case 'gave-up': return -1;
    default: return 0;
  }
}

export function h2oTrainingMetrics({ world, observed: o }: H2OTrainingView): H2OTrainingMetrics {
  const r = world.recovery, job = r.job;
  const model = job !== undefined && (job.state === 'completed' || job.state === 'partial');
  return {
    // From the start of the run (pods starting), not from h2o.init().
    timeToGoodModelMs: r.goodModelAt < 0 ? -1 : r.goodModelAt / 1000,
    jobOutcome: jobOutcome(world),
    dataFraction: model ? job.dataFraction : 0,
    attempts: r.attempts,
    restarts: r.restarts,
    jobsFailed: o.jobsFailed,
    cloudSizeMin: o.formedSizes.length === 0 ? 0 : Math.min(...o.formedSizes),
    cloudSizeMax: o.formedSizes.length === 0 ? 0 : Math.max(...o.formedSizes),
    healthyMembersMin: o.healthyMin,
    refusedNodes: world.cloud.refusals,
    deniedFlows: world.policy.denied,
  };
}

export const H2O_TRAINING_METRIC_INFO: { readonly [K in keyof H2OTrainingMetrics]: MetricInfo } = {
  timeToGoodModelMs: { label: 'time from the pods starting to a model with all the data (-1: none)', unit: 'ms' },
  jobOutcome: { label: 'outcome: 2 good model, 1 partial model, 0 none yet (hung/waiting), -1 gave up, -2 client never connected', unit: 'count' },
  dataFraction: { label: 'share of the chunks the final model saw (0: no model)', unit: 'ratio' },
  attempts: { label: 'training attempts (the seed\'s try and retry)', unit: 'count' },
  restarts: { label: 'whole-cluster restarts', unit: 'count' },
  jobsFailed: { label: 'training jobs failed', unit: 'count' },
  cloudSizeMin: { label: 'smallest cloud formed', unit: 'count' },
  cloudSizeMax: { label: 'largest cloud formed', unit: 'count' },
  healthyMembersMin: { label: 'fewest members the leader counted healthy (-1: no cloud)', unit: 'count' },
  refusedNodes: { label: 'nodes told to shut down by a locked cloud', unit: 'count' },
  deniedFlows: { label: 'flows dropped by the NetworkPolicy', unit: 'count' },
};
