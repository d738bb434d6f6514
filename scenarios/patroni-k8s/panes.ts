import type { Simulation } from '../../src/scenario/index.js';
import { SERIES_STEP_US, type PaneData, type SeriesValue } from '../../src/scenario/inspect.js';
import type { PatroniCluster } from '../../models/patroni/cluster.js';
import { LEADER_KEY, SYNC_KEY, parseSync } from '../../models/patroni/keys.js';
import type { RequestTally } from './observers/request-tally.js';

/** A WAL position the way Postgres prints an LSN: high and low 32 bits of the byte position, in hex. */
export function formatLsn(bytes: number): string {
  return `${Math.floor(bytes / 2 ** 32).toString(16).toUpperCase()}/${(bytes % 2 ** 32).toString(16).toUpperCase()}`;
}

/** Bytes, short: "512B", "12.5K", "3.1M" (KiB, MiB), so the members table fits 80 columns. */
function bytes(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 100 * 1024 ? 1 : 0)}K`;
  return `${(n / 1024 / 1024).toFixed(1)}M`;
}

/** The node that takes writes now (running as primary on a serving pod), if any. */
function writablePrimary(c: PatroniCluster) {
  const name = c.writablePrimaries()[0];
  return c.nodes.find((n) => n.name === name);
}

/** Scenario A's component panes: Patroni members, the etcd leader key, the Services, the clients. */
export function patroniPanes(c: PatroniCluster, tally: RequestTally, sim: Simulation, walBytesPerWrite: number): PaneData[] {
  const primary = writablePrimary(c);
  const members: string[][] = c.nodes.map((n) => {
    const pod = c.pods.get(n.name)!;
    const lag = primary === undefined || n === primary ? '' : bytes(Math.max(0, primary.lsn - n.lsn) * walBytesPerWrite);
    return [n.name, pod.state, n.role, String(n.timeline), formatLsn(n.lsn * walBytesPerWrite), lag];
  });

  const leader = c.dcs.get(LEADER_KEY);
  const deadline = leader?.lease == null ? undefined : c.dcs.leaseDeadline(leader.lease);
  const ttl = deadline === undefined ? 'no lease' : `${((deadline - sim.now) / 1e6).toFixed(1)} s left`;
  const sync = parseSync(c.dcs.get(SYNC_KEY)?.value);

  return [
    { title: 'Patroni members', columns: ['node', 'pod', 'role', 'tl', 'WAL', 'lag'], rows: members },
    {
      title: 'etcd',
      rows: [
        ['leader key', leader === undefined ? '(none: leader race)' : leader.value],
        ['leader TTL', leader === undefined ? '-' : ttl],
        ['sync standby', sync?.syncStandby ?? '-'],
        ['revision', String(c.dcs.revision)],
      ],
    },
    {
      title: 'Services',
      rows: [
        ['postgres-primary', `[${c.primaryService.endpoints.join(', ')}]`],
        ['postgres-replicas', `[${c.replicaService.endpoints.join(', ')}]`],
        ['role labels', c.nodes.map((n) => `${n.name}=${c.pods.get(n.name)!.labels.get('role') ?? '-'}`).join(' ')],
      ],
    },
    {
      title: 'clients',
      rows: [
        ['writes', `${tally.writes.issued} issued, ${tally.writes.acked} acked, ${tally.writes.failed} failed`],
        ['reads', `${tally.reads.issued} issued, ${tally.reads.ok} ok, ${tally.reads.failed} failed`],
        ['writable primaries', c.writablePrimaries().join(', ') || 'none'],
      ],
    },
  ];
}

/** Scenario A's charts: write error rate, write latency p99, replication lag, primary endpoints. */
export function patroniSeries(c: PatroniCluster, sim: Simulation, walBytesPerWrite: number): SeriesValue[] {
  const log = c.workload.writer.attempts;
  const primary = writablePrimary(c);
  const replicas = c.nodes.filter((n) => n !== primary && c.pods.get(n.name)!.serving);
  const lag = primary === undefined || replicas.length === 0 ? NaN : Math.max(...replicas.map((n) => primary.lsn - n.lsn)) * walBytesPerWrite;
  return [
    { key: 'writeErrors', label: 'write errors', unit: '%', mode: 'ratio', value: log.failed, of: log.size },
    { key: 'writeP99', label: 'write p99', unit: 'ms', value: log.durationPercentileSince(sim.now - SERIES_STEP_US, 99) / 1000 },
    { key: 'replicationLag', label: 'replication lag', unit: 'B', value: lag },
    { key: 'primaryEndpoints', label: 'primary endpoints', unit: '', value: c.primaryService.endpoints.length },
  ];
}
