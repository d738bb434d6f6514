import { lockingPreventsConflicts, noDataLost, restartRecovery } from './claims.js';
import { hdfsCache } from './system.js';

export const hdfsConcurrentAccess = hdfsCache.scenario({
  id: 'hdfs-concurrent-access',
  title: 'HDFS reader cache: two reader processes share the cache directory',
  source: '7. Concurrent Access Conflicts',
  description: 'Two readers start on the same cache volume; with the seed\'s flock the second waits for the lock. At 120 s the first is killed (restarted 10 s later): the kernel drops its lock and the second loads and serves. --set lock=none: both write the directory at once; lock=lock-file: the killed process\'s lock file blocks both for ever.',
  defaults: { readers: 2, durationMs: 600_000, newLogFraction: 0 },
  faults: (p) => [{ at: p.faultAtMs, target: 'reader', kind: 'crash', params: { restartAfterMs: 10_000 } }],
  claims: [lockingPreventsConflicts, restartRecovery, noDataLost],
});
export default hdfsConcurrentAccess;
