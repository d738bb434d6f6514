import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, type Micros } from '../../src/kernel/time.js';
import { AttemptLog } from '../client/attempt-log.js';
import { SqlClient, type ClientOptions } from '../client/sql-client.js';
import { startPoissonArrivals } from '../client/workload.js';
import { Dcs } from '../etcd/dcs.js';
import { startLivenessProbe, type LivenessOptions } from '../k8s/liveness-probe.js';
import { startReadinessProbe, type ReadinessOptions } from '../k8s/readiness-probe.js';
import { Pod } from '../k8s/pod.js';
import { Service } from '../k8s/service.js';
import { Network, type NetworkOptions } from '../net/network.js';
import { PostgresNode, type PostgresOptions, type WriteOutcome } from '../postgres/postgres-node.js';
import { WriteLedger } from '../postgres/write-ledger.js';
import { PatroniAgent, type PatroniOptions } from './agent.js';
import { SYNC_KEY } from './keys.js';

/**
 * A Patroni-managed Postgres shard on Kubernetes, as the seed documents draw
 * it: pods pg-0..pg-(n-1) each running Postgres and Patroni, an etcd pod as
 * the DCS, a Service selecting role=primary for writes and one selecting
 * role=replica for reads, and an application host "app" sending open-loop
 * writes and reads through them. pg-0 starts as the leader.
 */
export interface PatroniClusterOptions {
  readonly members: number;
  readonly network: NetworkOptions;
  readonly postgres: PostgresOptions;
  readonly patroni: PatroniOptions;
  readonly liveness: LivenessOptions;
  /** A readiness probe on the Postgres pods; none by default (the seed's manifest has none). */
  readonly readiness?: ReadinessOptions | undefined;
  readonly podStartupMs: number;
  readonly endpointPropagationMs: number;
  readonly nodeMonitorGracePeriodMs: number;
  readonly client: ClientOptions;
  readonly writeRatePerS: number;
  readonly readRatePerS: number;
  /** Arrivals stop here so the last requests finish inside the run. */
  readonly workloadUntil: Micros;
}

export interface PatroniCluster {
  readonly net: Network;
  readonly dcs: Dcs;
  readonly pods: ReadonlyMap<string, Pod>;
  readonly nodes: readonly PostgresNode[];
  readonly agents: ReadonlyMap<string, PatroniAgent>;
  readonly primaryService: Service;
  readonly replicaService: Service;
  readonly ledger: WriteLedger;
  readonly writes: { issued: number; acked: number; failed: number; readonly attempts: AttemptLog };
  readonly reads: { issued: number; ok: number; failed: number; readonly attempts: AttemptLog };
  /** Nodes that run as primary and can take writes right now. */
  writablePrimaries(): string[];
}

/** Client outages and recoveries shorter than this are not announced in the trace (flapping). */
const FLAP_US = sec(1);

export function buildPatroniCluster(sim: Simulation, o: PatroniClusterOptions): PatroniCluster {
  const net = new Network(sim, o.network);
  const names = Array.from({ length: o.members }, (_, i) => `pg-${i}`);
  const pods = new Map<string, Pod>();
  for (const name of names) pods.set(name, new Pod(sim, net, name, { startupMs: o.podStartupMs }));
  const etcdPod = new Pod(sim, net, 'etcd', { startupMs: 2000 });
  net.addHost('app');
  const dcs = new Dcs(sim, 'etcd');
  etcdPod.onStop(() => sim.trace.emit('etcd', 'unavailable'));

  const peers = new Map<string, PostgresNode>();
  for (const name of names) peers.set(name, new PostgresNode(sim, net, name, peers, o.postgres));
  const agents = new Map<string, PatroniAgent>();
  for (const name of names) agents.set(name, new PatroniAgent(sim, net, dcs, pods.get(name)!, peers.get(name)!, names, agents, o.patroni));

  // Bootstrapped state: pg-0 leads, the others stream from it.
  agents.get('pg-0')!.bootstrapAsLeader();
  for (const name of names.slice(1)) {
    pods.get(name)!.setLabel('role', 'replica');
    peers.get(name)!.follow('pg-0');
  }
  if (o.patroni.synchronousMode && names.length > 1) {
    dcs.put(SYNC_KEY, JSON.stringify({ leader: 'pg-0', syncStandby: 'pg-1' }));
    peers.get('pg-0')!.setSyncStandby('pg-1');
  }
  const phaseRng = sim.rng('patroni/phases');
  for (const name of names) agents.get(name)!.start(Math.round(phaseRng.uniform(0, sec(o.patroni.loopWaitS))));
  for (const name of names) startLivenessProbe(sim, pods.get(name)!, o.liveness);
  if (o.readiness !== undefined) for (const name of names) startReadinessProbe(sim, pods.get(name)!, o.readiness);

  const podList = names.map((n) => pods.get(n)!);
  const svc = (name: string, role: string) =>
    new Service(sim, name, podList, { selector: { role }, propagationMedianMs: o.endpointPropagationMs, nodeMonitorGracePeriodMs: o.nodeMonitorGracePeriodMs });
  const primaryService = svc('postgres-primary', 'primary');
  const replicaService = svc('postgres-replicas', 'replica');

  const ledger = new WriteLedger();
  const writer = new SqlClient(sim, net, 'app', primaryService, pods, o.client, 'writer');
  const reader = new SqlClient(sim, net, 'app', replicaService, pods, o.client, 'reader');
  const writes = { issued: 0, acked: 0, failed: 0, attempts: writer.attempts };
  const reads = { issued: 0, ok: 0, failed: 0, attempts: reader.attempts };
  const latency = sim.metrics.histogram('writeLatencyMs');
  const outage = sim.metrics.downtime('writes');

  startPoissonArrivals(sim, sim.rng('workload/writes'), o.writeRatePerS, o.workloadUntil, (id) => {
    writes.issued++;
    const issued = sim.now;
    sim.process((function* () {
      const r = yield* writer.execute<WriteOutcome>((server) => peers.get(server)!.insert(id), (a) => a === 'ok');
      sim.trace.emit('app', r.ok ? 'write-ok' : 'write-failed', { id });
      if (r.ok) {
        writes.acked++;
        ledger.acknowledge(id);
        latency.add((sim.now - issued) / 1000);
        if (outage.isDown && sim.now - outage.windows[outage.windows.length - 1]!.start >= FLAP_US)
          sim.trace.emit('app', 'writes-recovered', { afterMs: (sim.now - outage.windows[outage.windows.length - 1]!.start) / 1000 });
        outage.up(sim.now);
      } else {
        writes.failed++;
        const last = outage.windows[outage.windows.length - 1];
        if (!outage.isDown && (last === undefined || sim.now - last.end! >= FLAP_US)) sim.trace.emit('app', 'writes-failing', { error: r.error });
        outage.down(sim.now);
      }
    })(), 'write');
  });
  startPoissonArrivals(sim, sim.rng('workload/reads'), o.readRatePerS, o.workloadUntil, () => {
    reads.issued++;
    sim.process((function* () {
      const r = yield* reader.execute((server) => peers.get(server)!.role !== 'down', (a) => a);
      if (r.ok) reads.ok++; else reads.failed++;
    })(), 'read');
  });

  const nodes = names.map((n) => peers.get(n)!);
  return {
    net, dcs, pods, nodes, agents, primaryService, replicaService, ledger, writes, reads,
    writablePrimaries: () => nodes.filter((n) => n.role === 'primary' && pods.get(n.name)!.serving).map((n) => n.name),
  };
}

