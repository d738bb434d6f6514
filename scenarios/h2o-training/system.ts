import { defineSystem, isFaultRecord, type FaultSpace, type FaultSpec } from '../../src/scenario/index.js';
import { goodModelEventually } from './invariants.js';
import { H2O_TRAINING_METRIC_INFO, h2oTrainingMetrics } from './metrics.js';
import { observeH2OTraining } from './observers.js';
import { h2oTrainingParams, podNames, type H2OTrainingParams } from './params.js';
import { buildH2OTraining } from './world.js';

/** The partition as network faults: `isolate` one pod or split the pods in two, then `heal` (none if it never heals). */
export function partitionFaults(p: H2OTrainingParams, shape: H2OTrainingParams['isolate'], atMs: number, lengthMs: number): FaultSpec[] {
  const pods = podNames(p);
  const half = Math.max(1, Math.floor(pods.length / 2));
  const cut: FaultSpec = shape === 'one-node'
    ? { at: atMs, target: 'network', kind: 'isolate', params: { host: pods[pods.length - 1]! } }
    : { at: atMs, target: 'network', kind: 'partition', params: { groups: [pods.slice(0, half), pods.slice(half)] } };
  return lengthMs > 0 ? [cut, { at: atMs + lengthMs, target: 'network', kind: 'heal' }] : [cut];
}

/** Partitions of both shapes, short (under the 60 s TIMEOUT) to long, and last one that never heals (severity 0), while the first training runs. */
const faultSpace: FaultSpace<H2OTrainingParams> = {
  window: (p) => ({ fromMs: 4_000, toMs: 4_000 + p.iterations * Math.ceil(p.chunks / p.nodes) * p.chunkComputeMs }),
  maxFaults: 2,
  kinds: (p) => [
    { name: 'isolate one node', targets: ['network'], severities: [5_000, 59_000, 90_000, 300_000, 0], expand: (_t, len, at) => partitionFaults(p, 'one-node', at, len) },
    { name: 'split in half', targets: ['network'], severities: [5_000, 59_000, 90_000, 300_000, 0], expand: (_t, len, at) => partitionFaults(p, 'half', at, len) },
  ],
};

/**
 * Seed 000's Scenario D: H2O pods forming a cloud, a model training on it,
 * the seed's NetworkPolicy switch and its retry block (restart the cluster,
 * train again), on the models in models/h2o.
 */
export const h2oTraining = defineSystem({
  id: 'h2o-training',
  source: 'seeds/000_3b6c436277faf2d9.txt',
  params: h2oTrainingParams,
  durationMs: (p) => p.durationMs,
  build: buildH2OTraining,
  observe: (world, sim) => observeH2OTraining(world, sim),
  metrics: h2oTrainingMetrics,
  metricInfo: H2O_TRAINING_METRIC_INFO,
  timeline: (rec) => (isFaultRecord(rec) ? `fault injected: ${rec.kind} ${rec.data.target}` : rec.source === 'network' && rec.kind !== 'partition' && rec.kind !== 'isolate' && rec.kind !== 'heal' ? null : `${rec.kind}${rec.data ? ' ' + JSON.stringify(rec.data) : ''}`),
  invariants: [goodModelEventually],
  faultSpace,
  panes: ({ world, observed }) => [{
    title: `cloud membership (${world.cloud.size} members${world.cloud.isLocked ? ', locked' : ''})`,
    columns: ['node', 'pod', 'leader sees'],
    rows: world.nodes.map((n) => [
      n + (n === world.cloud.leader ? ' (leader)' : ''),
      world.cloud.isUp(n) ? 'up' : 'down',
      !world.cloud.members.includes(n) ? 'not a member' : world.cloud.isHealthy(n) ? 'healthy' : 'unhealthy',
    ]),
  }, {
    title: 'training job',
    rows: [
      ['client h2o.init()', world.client.state],
      ['recovery', `${world.recovery.state}, attempt ${world.recovery.attempts}, ${world.recovery.restarts} restart(s)`],
      ['job', world.recovery.job === undefined ? '-' : `${world.recovery.job.state}, iteration ${world.recovery.job.iteration}`],
      ['last job event', observed.lastJobEvent],
      ['denied flows', String(world.policy.denied)],
    ],
  }],
});
