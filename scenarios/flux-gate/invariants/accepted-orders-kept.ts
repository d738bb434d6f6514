import { US_PER_MS, formatTime } from '../../../src/scenario/index.js';
import type { Invariant } from '../../../src/scenario/invariant.js';
import { firstFew } from '../../invariants/first-few.js';
import { lostAcceptedOrders } from '../lost-orders.js';
import type { FluxParams } from '../params.js';
import type { FluxView } from '../view.js';

/** Every order a buyer got a 200 for is in the database after the drain. */
export const acceptedOrdersKept: Invariant<FluxParams, FluxView> = {
  name: 'no accepted order lost',
  kind: 'always',
  source: 'Flux-Gate: Failure Recovery Matrix, Data Loss No',
  watch({ world: system }) {
    return {
      verdict() {
        const lost = lostAcceptedOrders(system);
        if (lost.length === 0) return { pass: true, detail: `all ${system.sale.accepted.size} accepted orders are in the database` };
        const first = Math.min(...lost.map((id) => system.sale.acceptedAt.get(id) ?? Infinity));
        return {
          pass: false,
          detail: `${lost.length} of ${system.sale.accepted.size} accepted orders missing from the database (${firstFew(lost, 3)}; the first accepted at ${formatTime(first)})`,
          ...(Number.isFinite(first) ? { atMs: first / US_PER_MS } : {}),
        };
      },
    };
  },
};
