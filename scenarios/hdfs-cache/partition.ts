import { gracefulDegradation, noDataLost, partitionDetected } from './claims.js';
import { hdfsCache } from './system.js';
import { READER_LINK } from './reader-link.js';

export const hdfsPartition = hdfsCache.scenario({
  id: 'hdfs-partition',
  title: 'HDFS reader cache: the reader is cut off from HDFS for 3 minutes',
  source: '5. Network Partitions / HDFS Unreachable',
  description: 'At 120 s the reader\'s host loses the HDFS cluster for 180 s: every NameNode call waits out the 20 s connect timeout. The seed\'s read_with_fallback serves the disk copy of cached logs; new logs cannot be had. --set fallback=none: memory misses fail too.',
  defaults: { durationMs: 600_000, rtoRow: 'network-partition' },
  documented: { rto: { detection: '<30 seconds', recovery: 'Graceful degradation', dataLoss: 'None' } },
  faults: (p) => [{ at: p.faultAtMs, target: READER_LINK, kind: 'partition', params: { durationMs: 180_000 } }, { at: p.faultAtMs + 180_000, target: READER_LINK, kind: 'heal' }],
  claims: [partitionDetected, gracefulDegradation, noDataLost],
});
export default hdfsPartition;
