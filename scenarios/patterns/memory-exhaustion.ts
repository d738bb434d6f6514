import { alertsWarnFirst, withinMemoryLimit } from './claims.js';
import { patterns } from './system.js';

export const patternsMemoryExhaustion = patterns.scenario({
  id: 'patterns-memory-exhaustion',
  title: 'Patterns: an export endpoint loads whole result sets into memory',
  source: '4. Resource Exhaustion / Memory Exhaustion',
  description: 'Two exports a second, each reading 100,000 rows of 1 KiB for about a second, in a container limited to 512 MiB (128 MiB at rest). Whole result sets hold 100 MiB each: four at once and the kernel kills the process. Pages (100 rows) or a stream buffer (64 KiB) hold almost nothing.',
  defaults: { ratePerS: 2, serviceTimeMs: 1_000, readTimeoutMs: 30_000, resultRows: 100_000, memoryLimitBytes: 536_870_912, resultSet: 'whole' },
  faults: () => [],
  claims: [withinMemoryLimit, alertsWarnFirst],
});
export default patternsMemoryExhaustion;
