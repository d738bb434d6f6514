import type { Invariant } from '../../src/scenario/invariant.js';

/**
 * Convergence after the faults: exactly one node runs as primary and takes
 * writes, `withinMs` after the last fault is over (a node back, a partition
 * healed). Read at that instant from the models' state.
 */
export function onePrimaryEventually<P>(writablePrimaries: (world: any) => () => string[], withinMs: (p: P) => number): Invariant<P> {
  return {
    name: 'one writable primary after the faults',
    kind: 'eventually',
    source: 'Patroni: the cluster elects a leader when one can be elected',
    withinMs,
    watch(world) {
      const primaries = writablePrimaries(world);
      return {
        verdict() {
          const p = primaries();
          return p.length === 1
            ? { pass: true, detail: `${p[0]} is the one writable primary` }
            : { pass: false, detail: p.length === 0 ? 'no writable primary' : `${p.length} writable primaries: ${p.join(', ')}` };
        },
      };
    },
  };
}
