import type { FaultKind, FaultSpace } from '../../src/scenario/fault-space.js';

interface PatroniSpaceParams {
  readonly members: number;
  readonly durationMs: number;
}

/**
 * What may go wrong in a Patroni cluster: a container crash (the kubelet
 * restarts it), a host cut off the network for a while, a whole node down
 * for a while. Replicas come before the primary, and etcd last, so a shrunk
 * schedule names the primary only when a replica would not do.
 *
 * Faults start between 10% and 50% of the run, and no outage outlasts 30 s,
 * so a default run (180 s) has the last fault over by 120 s and 60 s left
 * for `eventually` invariants.
 */
export const patroniFaultSpace: FaultSpace<PatroniSpaceParams> = {
  window: (p) => ({ fromMs: Math.round(p.durationMs * 0.1), toMs: Math.round(p.durationMs * 0.5) }),
  maxFaults: 3,
  kinds(p) {
    const pods = Array.from({ length: p.members }, (_, i) => `pg-${i}`);
    const targets = [...pods.slice(1), pods[0]!, 'etcd'];
    const kinds: FaultKind[] = [
      { name: 'crash', targets, severities: [0], expand: (target, _s, at) => [{ at, target, kind: 'crash' }] },
      {
        name: 'partition',
        targets,
        severities: [5_000, 10_000, 20_000, 30_000],
        expand: (host, forMs, at) => [{ at, target: 'network', kind: 'isolate', params: { host } }, { at: at + forMs, target: 'network', kind: 'heal' }],
      },
      { name: 'node-crash', targets, severities: [10_000, 20_000, 30_000], expand: (target, forMs, at) => [{ at, target, kind: 'node-crash', params: { recoverAfterMs: forMs } }] },
    ];
    return kinds;
  },
};
