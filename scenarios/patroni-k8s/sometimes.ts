import { isFaultRecord, type Sometimes } from '../../src/scenario/index.js';
import type { PatroniK8sRecord } from './records.js';

/** Paths of a Patroni failover worth reaching: a check that never reached them tested little. */
export const patroniSometimes: readonly Sometimes<PatroniK8sRecord>[] = [
  { name: 'a leader race happened', reached: (r) => r.kind === 'acquired-leader' || r.kind === 'race-lost' || r.kind === 'race-skip' },
  { name: 'a replica won the leader race', reached: (r) => r.kind === 'acquired-leader' },
  { name: 'a node was promoted to primary', reached: (r) => r.kind === 'promoted' },
  { name: 'a primary demoted itself', reached: (r) => r.kind === 'demote' },
  { name: 'an old primary was rewound', reached: (r) => r.kind === 'pg-rewind' },
  { name: 'the primary ran without a synchronous standby', reached: (r) => !isFaultRecord(r) && r.kind === 'sync-standby' && r.data.standby === null },
  { name: 'writes failed for a while', reached: (r) => r.kind === 'writes-failing' },
];
