import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import type { LoadBalancer } from '../load-balancer/load-balancer.js';
import type { ApiInstance } from './api-instance.js';
import { Buyer, newAttemptTimeouts, sendAttempt } from './buyer.js';
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
  const context = { sim, lb, o, out, backoffRng: sim.rng('flash-sale/backoff'), timeouts: newAttemptTimeouts(sim, o.requestTimeoutMs) };
  const arrivals: { at: number; buyer: Buyer }[] = [];
  for (let c = 0; c < o.clients; c++) {
    const order: Order = { orderId: `order-${c}`, clientId: `client-${c}`, productId: o.productId };
    arrivals.push({ at: sim.now + Math.round(ms(o.saleStartMs + rng.uniform(0, o.saleWindowMs))), buyer: new Buyer(context, order) });
  }
  // One pending arrival at a time, in time order (a tie in buyer order), not one queue entry per buyer.
  arrivals.sort((a, b) => a.at - b.at);
  new Arrivals(sim, arrivals).next();
  return out;
}

/** The buyers' first requests, each at its drawn instant; the next one is scheduled when one arrives. */
class Arrivals {
  private i = 0;
  constructor(private readonly sim: Simulation, private readonly queue: readonly { at: number; buyer: Buyer }[]) {}

  next(): void {
    if (this.i < this.queue.length) this.sim.at(this.queue[this.i]!.at, arrive, this);
  }

  /** @internal */
  _arrive(): void {
    const { buyer } = this.queue[this.i++]!;
    this.next();
    sendAttempt(buyer);
  }
}

function arrive(a: Arrivals): void {
  a._arrive();
}
