import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, type Micros } from '../../src/kernel/time.js';
import { SqlClient, type ClientOptions } from '../client/sql-client.js';
import { Dcs } from '../etcd/dcs.js';
import { startLivenessProbe, type LivenessOptions } from '../k8s/liveness-probe.js';
import { startReadinessProbe, type ReadinessOptions } from '../k8s/readiness-probe.js';
import { Pod } from '../k8s/pod.js';
import { Service } from '../k8s/service.js';
import { Network, type NetworkOptions } from '../net/network.js';
import { PostgresNode, type PostgresOptions } from '../postgres/postgres-node.js';
import { WriteLedger } from '../postgres/write-ledger.js';
import { PatroniAgent, type PatroniOptions } from './agent.js';
import { SYNC_KEY } from './keys.js';
import { startSqlWorkload, type SqlWorkload } from './sql-workload.js';
import type { EtcdPodEvents } from './patroni-events.js';

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
  /** terminationGracePeriodSeconds of the Postgres pods, in ms (Kubernetes default 30 s). */
  readonly terminationGracePeriodMs?: number | undefined;
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
  /** The application's writes and reads. */
  readonly workload: SqlWorkload;
  /** Nodes that run as primary and can take writes right now. */
  writablePrimaries(): string[];
  /** How many there are (no list built: observers ask after every trace record). */
  writablePrimaryCount(): number;
}

export function buildPatroniCluster(sim: Simulation, o: PatroniClusterOptions): PatroniCluster {
  const net = new Network(sim, o.network);
  const names = Array.from({ length: o.members }, (_, i) => `pg-${i}`);
  const pods = new Map<string, Pod>();
  for (const name of names) pods.set(name, new Pod(sim, net, name, { startupMs: o.podStartupMs, terminationGracePeriodMs: o.terminationGracePeriodMs }));
  const etcdPod = new Pod(sim, net, 'etcd', { startupMs: 2000 });
  net.addHost('app');
  const dcs = new Dcs(sim, 'etcd', () => etcdPod.serving);
  etcdPod.onStop(() => sim.trace.typed<EtcdPodEvents>().emit('etcd', 'unavailable'));
  etcdPod.onStart(() => { sim.trace.typed<EtcdPodEvents>().emit('etcd', 'leader-elected'); dcs.promote(); });

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
  const workload = startSqlWorkload(sim, writer, reader, peers, ledger, { writeRatePerS: o.writeRatePerS, readRatePerS: o.readRatePerS, until: o.workloadUntil });

  const nodes = names.map((n) => peers.get(n)!);
  const nodePods = nodes.map((n) => pods.get(n.name)!);
  const writable = (i: number) => nodes[i]!.role === 'primary' && nodePods[i]!.serving;
  return {
    net, dcs, pods, nodes, agents, primaryService, replicaService, ledger, workload,
    writablePrimaries: () => nodes.filter((_, i) => writable(i)).map((n) => n.name),
    writablePrimaryCount: () => {
      let count = 0;
      for (let i = 0; i < nodes.length; i++) if (writable(i)) count++;
      return count;
    },
  };
}

