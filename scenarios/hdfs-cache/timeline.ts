import type { TraceRecord } from '../../src/scenario/index.js';

/** The key records: faults, HA transitions, the readers' phases, offline mode, OOM, cleanup, lock, the long-horizon service. */
export function describeHdfsCache(rec: TraceRecord): string | null {
  const d = (rec.data ?? {}) as Record<string, unknown>;
  switch (rec.kind) {
    case 'lock-acquired': return rec.source.startsWith('zkfc') ? `${rec.source} took the ZooKeeper lock` : `${rec.source} got the cache directory lock after ${String(d['waitedMs'])} ms`;
    case 'became-active': return `${rec.source} made its NameNode active`;
    case 'fence-failed': return `${rec.source} could not fence ${String(d['target'])}`;
    case 'session-expired': return `ZooKeeper expired ${String(d['client'])}'s session`;
    case 'started': return rec.source.startsWith('reader') ? `${rec.source} started (${String(d['owner'])})` : null;
    case 'lock-waiting': return `${rec.source} waits for the cache lock held by ${String(d['holder'])}`;
    case 'load-done': return `${rec.source} loaded ${String(d['loaded'])} entries (${String(d['corrupt'])} corrupt)`;
    case 'rebuild': return `${rec.source} rebuilds the cache: ${String(d['reason'])}`;
    case 'scan-started': return `${rec.source} scans ${String(d['files'])} logs from HDFS`;
    case 'ready': return `${rec.source} serving after a ${(Number(d['startupMs']) / 1000).toFixed(1)} s start-up`;
    case 'stopped': return rec.source.startsWith('reader') ? `${rec.source} stopped (${String(d['cause'])})` : null;
    case 'hdfs-unreachable': return `${rec.source} offline: ${String(d['error'])}`;
    case 'hdfs-reachable': return `${rec.source} reaches HDFS again`;
    case 'oom-kill': return `${rec.source} OOM-killed at ${(Number(d['memoryBytes']) / 1e6).toFixed(0)} MB`;
    case 'insert-stuck': return `${rec.source}: a cache insert never returns`;
    case 'cleanup': return `disk at ${String(d['usagePercent'])} %: ${String(d['removed'])} cache files removed`;
    case 'link-cut': return 'the reader is cut off from HDFS';
    case 'link-healed': return 'the reader reaches HDFS again';
    case 'service-down': return `service down (${String(d['groupsDown'])} down)`;
    case 'service-up': return 'service up';
    default: return rec.source === 'fault' ? `fault: ${rec.kind} on ${String(d['target'])}` : null;
  }
}
