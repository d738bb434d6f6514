import { diskCleanupInTime, diskNoExhaustion } from './claims.js';
import { DISK_MONITOR_NAME } from './incident-world.js';
import { hdfsCache } from './system.js';

export const hdfsDiskExhaustion = hdfsCache.scenario({
  id: 'hdfs-disk-exhaustion',
  title: 'HDFS reader cache: something else fills the cache volume to 95 %',
  source: '4. Disk Space Exhaustion',
  description: 'At 150 s others fill the 1 GB volume to 95 % (the cache holds 192 MB); new logs keep being cached (about 1 a second, 100 kB each). The seed\'s DiskSpaceMonitor checks every minute and removes the oldest 30 % of the cache above 80 %. --set diskCleanup=none: writes fail with ENOSPC once the volume is full.',
  defaults: { durationMs: 1_200_000, faultAtMs: 150_000 },
  faults: (p) => [{ at: p.faultAtMs, target: DISK_MONITOR_NAME, kind: 'fill-disk', params: { bytes: Math.max(0, 0.95 * p.diskCapacityBytes - (p.persistence === 'disk' ? p.files * p.bytesPerFile : 0)) } }],
  claims: [diskNoExhaustion, diskCleanupInTime],
});
export default hdfsDiskExhaustion;
