import { memoryDetected, memoryMinimalLoss, memoryRecovered, noOom } from './claims.js';
import { hdfsCache } from './system.js';

export const hdfsMemoryPressure = hdfsCache.scenario({
  id: 'hdfs-memory-pressure',
  title: 'HDFS reader cache: the parsed logs outgrow the memory limit',
  source: '3. Memory Pressure / OOM Scenarios',
  description: '1,920 parsed logs of 1.2 MB each (2.3 GB) load into a reader limited to 2 GiB (200 MB at rest). The seed\'s LRU bound (1.5 GB) evicts; --set lru=none lets the load run into the OOM kill, and the restarted reader loads into it again; --set lru=seed-code takes the snippet\'s accounting literally.',
  defaults: { durationMs: 600_000, rtoRow: 'memory-pressure' },
  documented: { rto: { detection: '<60 seconds', recovery: '<10 seconds', dataLoss: 'Minimal' } },
  faults: () => [],
  claims: [memoryDetected, memoryRecovered, noOom, memoryMinimalLoss],
});
export default hdfsMemoryPressure;
