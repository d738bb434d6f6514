import { US_PER_MS, formatTime } from '../../src/kernel/time.js';
import type { Invariant } from '../../src/scenario/invariant.js';
import type { SingleWritablePrimary } from './single-writable-primary.js';

/** Election safety as an invariant, from the SingleWritablePrimary sink the scenario already runs. */
export function neverTwoWritablePrimaries(safety: (world: any) => SingleWritablePrimary): Invariant {
  return {
    name: 'never two writable primaries',
    kind: 'always',
    source: 'Patroni: one leader key, one primary',
    watch(world) {
      const s = safety(world);
      return {
        verdict() {
          const v = s.firstViolation;
          if (v === null) return { pass: true, detail: `at most ${s.maxSeen} writable primary at any time` };
          return { pass: false, detail: `${v.primaries.join(' and ')} both writable at ${formatTime(v.t)} (${s.violations} trace records with more than one)`, atMs: v.t / US_PER_MS };
        },
      };
    },
  };
}
