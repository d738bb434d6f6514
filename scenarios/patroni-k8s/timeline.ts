import { isFaultRecord } from '../../src/scenario/index.js';
import type { PatroniK8sRecord } from './records.js';

/** The key events of a failover, as timeline lines. */
export function describePatroni(rec: PatroniK8sRecord): string | null {
  if (isFaultRecord(rec)) return `fault injected: ${rec.kind} ${rec.data.target}${rec.data.params ? ` ${rec.data.params}` : ''}`;
  switch (rec.kind) {
    case 'node-crash': return `node crashed${rec.data.recoverAfterMs ? `, back in ${rec.data.recoverAfterMs / 1000} s` : ''}`;
    case 'node-recover': return `node is back`;
    case 'container-exit': return `containers exited (${rec.data.reason})`;
    case 'terminating': return `${rec.data.deleting ? 'pod deleted' : `kubelet kills the container (${rec.data.reason})`}: SIGTERM, SIGKILL in ${rec.data.gracePeriodMs / 1000} s`;
    case 'running': return `containers running`;
    case 'hang': return `processes frozen`;
    case 'not-ready': return 'not Ready: readiness probe failed';
    case 'ready': return 'Ready: readiness probe passed';
    case 'lease-expired': return `etcd lease ${rec.data.lease} expired, keys deleted: ${rec.data.keys.map((k) => k.split('/').slice(-2).join('/')).join(', ') || 'none'}`;
    case 'acquired-leader': return `won the leader race (lsn ${rec.data.lsn})`;
    case 'race-lost': return `lost the leader race`;
    case 'race-skip': return `stays out of the leader race: ${rec.data.reason}`;
    case 'promoted': return `promoted to primary (timeline ${rec.data.timeline})`;
    case 'demote': return rec.data.why;
    case 'failsafe': return `etcd out of reach: stays primary in failsafe mode, every member accepted POST /failsafe`;
    case 'failsafe-refused': return `failsafe mode cannot keep the primary: ${rec.data.why}`;
    case 'failsafe-off': return 'etcd answers again: failsafe mode ends';
    case 'leader-elected': return 'etcd has a leader again: every lease renewed to its full TTL';
    case 'label': return `labelled ${rec.data.key}=${rec.data.value}`;
    case 'endpoints': return `endpoints -> [${rec.data.endpoints.join(', ')}]`;
    case 'pg-rewind': return `pg_rewind to ${rec.data.to}: ${rec.data.discarded} WAL records discarded`;
    case 'sync-standby': return `synchronous standby: ${rec.data.standby ?? 'none (standalone)'}`;
    case 'writes-failing': return `writes failing (${rec.data.error})`;
    case 'writes-recovered': return 'writes succeed again';
    case 'partition': case 'isolate': case 'heal': return `network ${rec.kind} ${JSON.stringify(rec.data ?? {})}`;
    default: return null;
  }
}
