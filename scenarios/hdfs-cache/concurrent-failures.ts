import { availabilityHolds, cachedAvailabilityHolds } from './claims.js';
import { hdfsCache } from './system.js';

export const hdfsConcurrentFailures = hdfsCache.scenario({
  id: 'hdfs-concurrent-failures',
  title: 'HDFS reader cache: every component fails and is repaired on its own, for a year',
  source: 'RESULT: 99.9% availability even during multiple concurrent failures',
  description: 'The reader, its cache volume, two NameNodes, ZooKeeper, three JournalNodes and the reader\'s network each fail and are repaired (exponential, MTTF/MTTR params) over a year; availability counts the time a fresh log can be served. Sweep it: availabilityPct with its interval, and one ...DowntimeMs per combination of component groups down at once.',
  defaults: { mode: 'long-horizon' },
  faults: () => [],
  claims: [availabilityHolds, cachedAvailabilityHolds],
});
export default hdfsConcurrentFailures;
