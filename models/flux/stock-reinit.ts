import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { OrdersDb } from '../orders-db/orders-db.js';
import type { RedisServer } from '../redis/redis-server.js';
import { stockKey } from './order.js';
import type { FluxEvents } from './flux-events.js';

export interface StockReinitOptions {
  /** What the operator does after Redis comes back: nothing, or SET stock from the database. */
  readonly mode: 'none' | 'from-db';
  readonly delayMs: number;
  readonly productId: string;
}

/**
 * The Flux-Gate document's recovery step after a Redis restart: an operator
 * re-initialises the stock counter from PostgreSQL a little later, if both
 * are up then. It trusts the database, which may still lag orders in Kafka.
 */
export function startStockReinit(sim: Simulation, redis: RedisServer, db: OrdersDb, o: StockReinitOptions): void {
  redis.onRestart(() => {
    if (o.mode !== 'from-db') return;
    sim.schedule(ms(o.delayMs), () => {
      if (!redis.up || !db.up) return;
      const stock = db.stock(o.productId);
      redis.exec({ op: 'set', key: stockKey(o.productId), value: String(stock) });
      sim.trace.typed<FluxEvents>().emit('operator', 'stock-reinit', { stock });
    });
  });
}
