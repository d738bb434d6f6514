import { defineSystem, recordsOf } from '../../src/scenario/system.js';
import { buildPatroniCluster } from '../../models/patroni/cluster.js';
import { patroniFaultSpace } from './fault-space.js';
import { ackedWritesKept } from './invariants/acked-writes-kept.js';
import { neverTwoWritablePrimaries } from './invariants/never-two-writable-primaries.js';
import { onePrimaryEventually } from './invariants/one-primary-eventually.js';
import { PATRONI_METRIC_INFO } from './metric-info.js';
import { patroniMetrics } from './metrics.js';
import { patroniNotes } from './notes.js';
import { observePatroni } from './observers/observe.js';
import { clusterOptions } from './options.js';
import { patroniPanes, patroniSeries } from './panes.js';
import { patroniParams } from './params.js';
import { patroniSometimes } from './sometimes.js';
import type { PatroniK8sRecord } from './records.js';
import { describePatroni } from './timeline.js';

/** A Patroni-managed Postgres shard on Kubernetes with etcd, and an application writing and reading through its Services. */
export const patroniK8s = defineSystem({
  id: 'patroni-k8s',
  source: 'seeds/000_3b6c436277faf2d9.txt',
  params: patroniParams,
  records: recordsOf<PatroniK8sRecord>(),
  durationMs: (p) => p.durationMs,
  build: (sim, p) => buildPatroniCluster(sim, clusterOptions(p)),
  observe: (cluster, sim) => observePatroni(cluster, sim),
  metrics: patroniMetrics,
  metricInfo: PATRONI_METRIC_INFO,
  timeline: describePatroni,
  notes: patroniNotes,
  invariants: [ackedWritesKept, neverTwoWritablePrimaries, onePrimaryEventually],
  faultSpace: patroniFaultSpace,
  sometimes: patroniSometimes,
  panes: (v) => patroniPanes(v.world, v.observed.tally, v.sim, v.params.walBytesPerWrite),
  series: (v) => patroniSeries(v.world, v.sim, v.params.walBytesPerWrite),
});
