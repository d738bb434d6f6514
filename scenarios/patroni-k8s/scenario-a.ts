import { writeDowntimeAtMost, zeroAckedWritesLost } from './claims.js';
import { patroniK8s } from './system.js';

/** The node running the primary crashes; Patroni elects and promotes a replica and the Service follows the role label. */
export const scenarioA = patroniK8s.scenario({
  id: 'scenario-a',
  title: 'Primary shard failure: Patroni + etcd failover on Kubernetes',
  source: 'Scenario A: Primary Shard Failure',
  description: 'The node running the primary of shard-1 crashes; Patroni elects and promotes a replica and the Service follows the role label.',
  faults: (p) => [{ at: p.crashAtMs, target: 'pg-0', kind: 'node-crash', ...(p.nodeRecoverAfterMs > 0 ? { params: { recoverAfterMs: p.nodeRecoverAfterMs } } : {}) }],
  claims: [
    writeDowntimeAtMost(30_000, 'Impact Assessment: Write Downtime 15-30 seconds'),
    zeroAckedWritesLost('Impact Assessment: Data Loss Zero (synchronous commit)'),
  ],
});
export default scenarioA;
