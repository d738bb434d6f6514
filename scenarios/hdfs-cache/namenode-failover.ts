import { failoverDetected, failoverNoLoss, failoverRecovered } from './claims.js';
import { hdfsCache } from './system.js';

export const hdfsNamenodeFailover = hdfsCache.scenario({
  id: 'hdfs-namenode-failover',
  title: 'HDFS reader cache: the active NameNode\'s host is lost',
  source: '2. HDFS NameNode Failover',
  description: 'nn1 (active) loses its host at 120 s, back 5 min later. ZooKeeper expires its ZKFC\'s session after 5 s; zkfc-nn2 fences nn1 (graceful 5 s, sshfence 30 s, then shell(/bin/true)) and makes nn2 active. The reader reads new logs through the seed\'s FailsafeHdfsReader. --set retry=none|java|single-sweep.',
  defaults: { durationMs: 600_000, rtoRow: 'namenode-failover' },
  documented: { rto: { detection: '<10 seconds', recovery: '<30 seconds', dataLoss: 'None' } },
  faults: (p) => [{ at: p.faultAtMs, target: 'nn1', kind: 'node-crash', params: { recoverAfterMs: 300_000 } }],
  claims: [failoverDetected, failoverRecovered, failoverNoLoss],
});
export default hdfsNamenodeFailover;
