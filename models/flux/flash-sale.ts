import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import type { LoadBalancer } from '../load-balancer/load-balancer.js';
import type { ApiInstance } from './api-instance.js';
import { Buyer } from './buyer.js';
import type { Order } from './order.js';
import type { FlashSaleOptions, SaleOutcome } from './sale.js';

export type { FlashSaleOptions, SaleOutcome } from './sale.js';

/**
 * A flash sale: `clients` buyers each send one order at a random moment of
 * the sale window (sale.ts has the options and the outcome, buyer.ts one
 * buyer's requests and retries).
 */
export function startFlashSale(sim: Simulation, lb: LoadBalancer<ApiInstance>, o: FlashSaleOptions): SaleOutcome {
  const out: SaleOutcome = { accepted: new Set(), acceptedAt: new Map(), acceptedAsDuplicate: new Set(), soldOut: new Set(), failed: new Set(), attempts: 0, errorAttempts: 0, attemptLog: [], replies: new Hooks() };
  const rng = sim.rng('flash-sale/clients');
  const context = { sim, lb, o, out, backoffRng: sim.rng('flash-sale/backoff') };
  for (let c = 0; c < o.clients; c++) {
    const order: Order = { orderId: `order-${c}`, clientId: `client-${c}`, productId: o.productId };
    new Buyer(context, order).startIn(ms(o.saleStartMs + rng.uniform(0, o.saleWindowMs)));
  }
  return out;
}
