import { ms, type Simulation } from '../../src/scenario/index.js';
import { Network } from '../../models/net/network.js';
import { Dkv, H2OCloud, H2ORecovery, NetworkPolicy } from '../../models/h2o/index.js';
import { podNames, type H2OTrainingParams } from './params.js';

/** The Mage training block's pod: it calls h2o.init() on the leader's REST port. */
export const CLIENT = 'mage';

export type ClientState = 'connecting' | 'connected' | 'unreachable';

export interface H2OTrainingWorld {
  readonly nodes: readonly string[];
  readonly net: Network;
  readonly policy: NetworkPolicy;
  readonly cloud: H2OCloud;
  readonly dkv: Dkv;
  /** The seed's try/except: train, and on failure restart the cloud and train again. */
  readonly recovery: H2ORecovery;
  /** What the client's h2o.init() got: the block trains only once connected. */
  readonly client: { state: ClientState };
}

/**
 * Wiring: a StatefulSet of H2O pods forming a cloud by heartbeats on a
 * fixed-latency pod network, the NetworkPolicy switch (H2O pods always
 * allowed; the client only if labelled), and the Mage block: once the cloud
 * has formed, h2o.init() asks the leader on 54321; connected, it trains
 * through the seed's retry block. A denied h2o.init() times out and the
 * block never trains (its except branch would call h2o.init() again, denied
 * again).
 */
export function buildH2OTraining(sim: Simulation, p: H2OTrainingParams): H2OTrainingWorld {
  const nodes = podNames(p);
  const net = new Network(sim, { latencyMedianMs: p.hopMs, latencySigma: 0, lossProbability: 0 });
  net.addHost(CLIENT);
  const policy = new NetworkPolicy([...nodes, ...(p.clientLabelled ? [CLIENT] : [])]);
  policy.setEnabled(p.networkPolicy === 'on');
  const cloud = new H2OCloud(sim, net, { nodes, policy });
  const dkv = new Dkv(sim, cloud);
  const job = { name: 'train', chunks: p.chunks, iterations: p.iterations, chunkComputeMs: p.chunkComputeMs, onLostNode: p.onLostNode };
  const recovery = new H2ORecovery(sim, cloud, dkv, job, { restartMs: p.restartMs, maxAttempts: p.maxAttempts });
  const client = { state: 'connecting' as ClientState };
  cloud.startAll();
  cloud.whenFormed(() => {
    // Through the policy: a denied flow is dropped and the call times out.
    const reply = cloud.call(CLIENT, cloud.leader, () => 'cloud', ms(p.clientTimeoutMs));
    reply.addCallback((e) => {
      if (e.value?.ok !== true) { client.state = 'unreachable'; return; }
      client.state = 'connected';
      recovery.start();
    });
  });
  return { nodes, net, policy, cloud, dkv, recovery, client };
}
