import type { Invariant } from '../../../src/scenario/invariant.js';
import type { FluxParams } from '../params.js';
import type { FluxView } from '../view.js';

/**
 * The consumer group catches up once the faults are over and the sale has
 * ended: lag (log end minus committed offsets) back to zero. Judged with a
 * session timeout (a dead worker's partitions wait that long) and 30 s more
 * to drain.
 */
export const lagDrains: Invariant<FluxParams, FluxView> = {
  name: 'consumer lag back to zero',
  kind: 'eventually',
  source: 'Flux-Gate: workers drain the backlog',
  withinMs: (p) => p.sessionTimeoutMs + 30_000,
  settleFromMs: (p) => p.saleStartMs + p.saleWindowMs,
  watch({ world: system }) {
    return {
      verdict() {
        const lag = system.broker.lag('workers', 'orders');
        return lag === 0 ? { pass: true, detail: 'lag 0' } : { pass: false, detail: `lag still ${lag}` };
      },
    };
  },
};
