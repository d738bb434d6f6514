import type { Simulation } from '../../src/kernel/simulation.js';
import type { TxResult } from '../orders-db/db-client.js';
import type { Order } from './order.js';
import type { FluxEvents } from './flux-events.js';

/**
 * What the workers' transactions ended with, order by order: the database
 * side of the ledger (inserted, duplicate, sold out), shared by every worker
 * so that an order the database refused is announced once, whichever worker
 * (or redelivery) saw it first.
 */
export class PersistedOrders {
  /** Each order's last outcome: inserted, duplicate or sold-out. */
  readonly results = new Map<string, string>();
  /** Accepted orders the database refused because it had no stock left. */
  readonly soldOut = new Set<string>();

  constructor(private readonly sim: Simulation) {}

  /** A worker's transaction for `order` ended (`worker` names it in the trace). */
  record(worker: string, order: Order, r: TxResult): void {
    if (!r.ok) return;
    this.results.set(order.orderId, r.outcome);
    if (r.outcome === 'sold-out' && !this.soldOut.has(order.orderId)) {
      this.soldOut.add(order.orderId);
      this.sim.trace.typed<FluxEvents>().emit(worker, 'sold-out-in-db', { order: order.orderId });
    }
  }
}
