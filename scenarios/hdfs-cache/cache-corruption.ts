import { corruptionDetected, corruptionOnlyCacheLost, corruptionRecovered } from './claims.js';
import { CACHE_NAME } from './incident-world.js';
import { hdfsCache } from './system.js';

export const hdfsCacheCorruption = hdfsCache.scenario({
  id: 'hdfs-cache-corruption',
  title: 'HDFS reader cache: 10 % of the cache files are corrupt at a restart',
  source: '6. Cache Corruption / Invalid Data',
  description: 'At 120 s a tenth of the cached entries stop matching their checksums and the reader restarts 1 s later. The seed\'s verify_cache is one verdict for the whole cache: a rebuild from scratch, a full 32 min scan. --set checksums=drop-entry re-reads only the bad entries; checksums=none serves them.',
  defaults: { durationMs: 2_400_000, newLogFraction: 0, rtoRow: 'cache-corruption' },
  documented: { rto: { detection: 'Immediate', recovery: '<5 minutes', dataLoss: 'Cache rebuild' } },
  faults: (p) => [{ at: p.faultAtMs, target: CACHE_NAME, kind: 'corrupt-cache', params: { fraction: 0.1 } }, { at: p.faultAtMs + 1_000, target: 'reader', kind: 'restart' }],
  claims: [corruptionDetected, corruptionRecovered, corruptionOnlyCacheLost],
});
export default hdfsCacheCorruption;
