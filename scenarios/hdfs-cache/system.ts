import { defineSystem } from '../../src/scenario/index.js';
import { hdfsCacheFaultSpace } from './fault-space.js';
import { noCorruptAnswer } from './invariants/no-corrupt-answer.js';
import { oneWriter } from './invariants/one-writer.js';
import { servesAgain } from './invariants/serves-again.js';
import { HDFS_CACHE_METRIC_INFO } from './metric-info.js';
import { hdfsCacheMetrics } from './metrics.js';
import { observeHdfsCache } from './observers.js';
import { hdfsCachePanes } from './panes.js';
import { hdfsCacheParams } from './params.js';
import { hdfsCacheSeries } from './series.js';
import { describeHdfsCache } from './timeline.js';
import { buildHdfsCache } from './world.js';

/**
 * Seed 003: a Spark event-log reader on an HA HDFS (NameNodes, ZKFCs,
 * ZooKeeper, JournalNodes), with its memory LRU, persistent disk cache,
 * disk monitor and directory lock; one scenario per failure of the seed,
 * each fix a `--set` switch, and a long-horizon availability model.
 */
export const hdfsCache = defineSystem({
  id: 'hdfs-cache',
  source: 'seeds/003_82a844d9818d4c95.txt (HDFS reader cache: failure scenarios and mitigations)',
  params: hdfsCacheParams,
  durationMs: (p) => (p.mode === 'incident' ? p.durationMs : p.horizonMs),
  build: buildHdfsCache,
  observe: observeHdfsCache,
  metrics: hdfsCacheMetrics,
  metricInfo: HDFS_CACHE_METRIC_INFO,
  timeline: describeHdfsCache,
  invariants: [noCorruptAnswer, oneWriter, servesAgain],
  faultSpace: hdfsCacheFaultSpace,
  panes: hdfsCachePanes,
  series: hdfsCacheSeries,
});
