import type { Invariant } from '../../../src/scenario/invariant.js';
import type { PatroniParams } from '../params.js';
import type { PatroniView } from '../view.js';

/**
 * Convergence after the faults: exactly one node runs as primary and takes
 * writes, `withinMs` after the last fault is over (a node back, a partition
 * healed). Read at that instant from the models' state.
 */
export const onePrimaryEventually: Invariant<PatroniParams, PatroniView> = {
  name: 'one writable primary after the faults',
  kind: 'eventually',
  source: 'Patroni: the cluster elects a leader when one can be elected',
  // Detection (ttl) plus the race, promotion, and a crash-loop restart of the pod.
  withinMs: () => 60_000,
  watch({ world: cluster }) {
    return {
      verdict() {
        const p = cluster.writablePrimaries();
        return p.length === 1
          ? { pass: true, detail: `${p[0]} is the one writable primary` }
          : { pass: false, detail: p.length === 0 ? 'no writable primary' : `${p.length} writable primaries: ${p.join(', ')}` };
      },
    };
  },
};
