import type { Invariant } from '../../src/scenario/invariant.js';
import type { FluxSystem } from '../../models/flux/flux-system.js';

/**
 * The consumer group catches up once the faults are over and the sale has
 * ended: lag (log end minus committed offsets) back to zero.
 */
export function lagDrains<P>(withinMs: (p: P) => number, loadEndsMs: (p: P) => number): Invariant<P, FluxSystem> {
  return {
    name: 'consumer lag back to zero',
    kind: 'eventually',
    source: 'Flux-Gate: workers drain the backlog',
    withinMs,
    settleFromMs: loadEndsMs,
    watch(system) {
      return {
        verdict() {
          const lag = system.broker.lag('workers', 'orders');
          return lag === 0 ? { pass: true, detail: 'lag 0' } : { pass: false, detail: `lag still ${lag}` };
        },
      };
    },
  };
}
