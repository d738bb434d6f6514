import { toMs, type PaneData } from '../../src/scenario/index.js';
import { LOCK_ZNODE } from '../../models/hdfs/index.js';
import { HORIZON_COMPONENTS, type HorizonModel } from './horizon-world.js';
import type { IncidentWorld } from './incident-world.js';
import type { HdfsCacheView } from './metrics.js';
import type { IncidentObserved } from './observers.js';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export function hdfsCachePanes(v: HdfsCacheView): PaneData[] {
  if (v.world.horizon !== null) return horizonPanes(v.world.horizon, v);
  return incidentPanes(v.world.incident!, v.observed!, v);
}

/** NameNodes and ZKFCs, the reader's client, the readers' caches, the disk and the directory lock. */
function incidentPanes(w: IncidentWorld, o: IncidentObserved, v: HdfsCacheView): PaneData[] {
  const a = o.answers, p = v.params;
  return [
    {
      title: `HDFS (active: ${w.hdfs.active?.name ?? 'none'}; ZooKeeper ${w.hdfs.zk.up ? 'up' : 'down'})`,
      columns: ['NameNode', 'HA state', 'process', 'ZKFC', 'health'],
      rows: w.hdfs.namenodes.map((nn, i) => {
        const z = w.hdfs.zkfcs[i]!;
        return [nn.name, nn.haState, nn.hostUp ? (nn.processUp ? (nn.paused ? 'paused' : nn.isolated ? 'cut off' : 'up') : 'down') : 'host down', `${z.role}${z.alive ? '' : ' (dead)'}`, z.monitor.state];
      }).concat([['lock znode', w.hdfs.zk.get(LOCK_ZNODE) ?? 'free', '', '', '']]),
    },
    {
      title: `reader's HDFS client (retry=${p.retry}; link ${w.link.cut ? 'CUT' : 'up'})`,
      rows: [
        ['NameNode calls / failed', `${o.clientAttempts} / ${o.clientFailedAttempts}`],
        ['reads / failed', `${w.sources.reduce((s, x) => s + x.reads, 0)} / ${w.sources.reduce((s, x) => s + x.failures, 0)}`],
        ['last read', w.sources[0]?.lastResult ? `${w.sources[0].lastResult.ok ? `served by ${w.sources[0].lastResult.servedBy}` : w.sources[0].lastResult.error} after ${w.sources[0].lastResult.attempts} calls` : '-'],
      ],
    },
    {
      title: `reader cache (lru=${p.lru}, fallback=${p.fallback})`,
      columns: ['reader', 'phase', 'cache bytes', 'memory', 'OOM kills'],
      rows: w.readers.map((r) => [r.name, r.phase, mb(r.lru.realBytes), `${((100 * r.memoryBytes) / p.memoryLimitBytes).toFixed(0)} %`, String(r.oomKills)]),
    },
    {
      title: 'queries',
      rows: [
        ['answered / sent', `${a.answered} / ${a.queries}`],
        ['hit ratio', a.answered === 0 ? '-' : `${((100 * a.hits) / a.answered).toFixed(1)} %`],
        ['stale (offline) / refused / lost', `${a.stale} / ${a.notReady} / ${a.lost}`],
        ['p99 latency', a.queries === 0 ? '-' : `${toMs(a.latencies.percentile(99)).toFixed(0)} ms`],
      ],
    },
    {
      title: `cache volume (diskCleanup=${p.diskCleanup})`,
      rows: [
        ['use', `${(100 * w.disk.usage).toFixed(1)} % of ${mb(w.disk.capacityBytes)}`],
        ['cache entries / corrupt', `${w.cache.size} / ${w.cache.corruptCount}`],
        ['ENOSPC writes / files cleaned', `${w.disk.enospc} / ${w.monitor.removedFiles}`],
      ],
    },
    {
      title: `cache directory lock (lock=${p.lock})`,
      rows: [
        ['holder', w.lock?.holder ?? (w.lock === null ? 'no lock' : 'free')],
        ['writers inside / raced writes', `${w.writers.inside().length} / ${w.writers.racedWrites}`],
      ],
    },
  ];
}

function horizonPanes(h: HorizonModel, v: HdfsCacheView): PaneData[] {
  const now = v.sim.now;
  return [
    {
      title: `components (active NameNode: ${h.active ?? 'none'}; reader ${h.readerServing ? 'serving' : h.startup ? (h.startup.scan ? 'scanning' : 'loading') : 'down'})`,
      columns: ['component', 'state', 'failures', 'availability'],
      rows: HORIZON_COMPONENTS.map((c) => { const f = h.parts.get(c)!; return [c, h.up(c) ? 'up' : 'DOWN', String(f.failures), `${(100 * f.availability(now)).toFixed(3)} %`]; }),
    },
    {
      title: 'service',
      rows: [
        ['availability (fresh / cached)', `${(100 * (1 - h.fresh.total(now) / Math.max(1, now))).toFixed(4)} % / ${(100 * (1 - h.serving.total(now) / Math.max(1, now))).toFixed(4)} %`],
        ['outages', String(h.outages)],
      ],
    },
  ];
}
