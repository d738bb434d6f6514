import { noDataLost, restartDetected, restartRecovery } from './claims.js';
import { hdfsCache } from './system.js';

export const hdfsRestart = hdfsCache.scenario({
  id: 'hdfs-restart',
  title: 'HDFS reader cache: the reader process restarts',
  source: '1. Process Restart / Pod Restart',
  description: 'The reader has served for 33 min (1,920 event logs cached, 5 queries/s) when it restarts. With the persistent cache it loads 1,920 entries from disk at 64/s: 30 s. --set persistence=none: the memory cache is gone and every start scans HDFS at 1 log/s, 32 min.',
  defaults: { faultAtMs: 2_000_000, durationMs: 4_200_000, newLogFraction: 0, rtoRow: 'process-restart' },
  documented: { rto: { detection: 'Immediate', recovery: '<30 seconds', dataLoss: 'None' } },
  faults: (p) => [{ at: p.faultAtMs, target: 'reader', kind: 'restart' }],
  claims: [restartDetected, restartRecovery, noDataLost],
});
export default hdfsRestart;
