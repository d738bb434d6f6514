import { ms } from '../../src/scenario/index.js';
import { lostAcceptedOrders } from './lost-orders.js';
import { PRODUCT_ID } from './product.js';
import { redisStock } from './redis-stock.js';
import type { FluxView } from './view.js';

/** What every flux scenario measures, at the end of the run (after the drain period). */
export interface FluxMetrics extends Record<string, number> {
  ordersAccepted: number;
  ordersAcceptedDuringFault: number;
  ordersPersisted: number;
  acceptedOrdersLost: number;
  lostAfterDuplicateReply: number;
  duplicateOrders: number;
  redeliveredOrders: number;
  unitsOversold: number;
  soldOutInDb: number;
  redisStock: number;
  dbStock: number;
  stockDivergence: number;
  failedAfterDecrement: number;
  peakConsumerLag: number;
  finalConsumerLag: number;
  clientErrorRatePct: number;
  buyersGivenUp: number;
  timeToRecoverMs: number;
  manualStepNeeded: number;
  poolTimeouts: number;
  redisOomRejections: number;
}

export function fluxMetrics({ world: system, observed, sim, params: p }: FluxView): FluxMetrics {
  const { sale, db } = system;
  const orders = db.orders();
  const lostIds = lostAcceptedOrders(system);
  const lost = lostIds.length;
  const redisNow = redisStock(system);
  const dbStock = db.stock(PRODUCT_ID);
  const divergence = redisNow - dbStock;
  const redelivered = [...system.persisted.results.values()].filter((o) => o === 'duplicate').length;
  const faultAt = sim.faults.injected.length > 0 ? Math.min(...sim.faults.injected.map((f) => f.at)) : null;
  const manualRestart = sim.faults.injected.some((f) => f.kind === 'restart');
  const inconsistent = !(divergence === 0) || lost > 0 || system.persisted.soldOut.size > 0 || !system.redis.up || !system.broker.up || !db.up;
  return {
    ordersAccepted: sale.accepted.size,
    ordersAcceptedDuringFault: [...sale.acceptedAt.values()].filter((t) => t >= ms(p.faultAtMs) && t < ms(p.faultAtMs + p.faultForMs)).length,
    ordersPersisted: orders.length,
    acceptedOrdersLost: lost,
    lostAfterDuplicateReply: lostIds.filter((id) => sale.acceptedAsDuplicate.has(id)).length,
    duplicateOrders: orders.length - new Set(orders.map((o) => o.orderId)).size,
    redeliveredOrders: redelivered,
    unitsOversold: Math.max(0, sale.accepted.size - p.initialStock),
    soldOutInDb: system.persisted.soldOut.size,
    redisStock: redisNow,
    dbStock,
    stockDivergence: divergence,
    failedAfterDecrement: observed.outcomes.failedAfterDecrement.size,
    peakConsumerLag: observed.peakLag.peak,
    finalConsumerLag: system.broker.lag('workers', 'orders'),
    clientErrorRatePct: sale.attempts === 0 ? 0 : (100 * sale.errorAttempts) / sale.attempts,
    buyersGivenUp: sale.failed.size,
    timeToRecoverMs: timeToRecover(sale.attemptLog, faultAt),
    manualStepNeeded: manualRestart || inconsistent ? 1 : 0,
    poolTimeouts: system.pools.reduce((n, pool) => n + pool.timeouts, 0),
    redisOomRejections: system.redis.stats.oomRejections,
  };
}

/**
 * From the first fault to the first good answer after the last error the
 * buyers saw; 0 when no buyer saw an error, NaN when errors never stopped.
 */
function timeToRecover(log: readonly { t: number; error: boolean }[], faultAt: number | null): number {
  if (faultAt === null) return 0;
  const after = log.filter((a) => a.t >= faultAt).sort((a, b) => a.t - b.t);
  let lastError = -1;
  after.forEach((a, i) => { if (a.error) lastError = i; });
  if (lastError < 0) return 0;
  const good = after.slice(lastError + 1).find((a) => !a.error);
  return good === undefined ? NaN : (good.t - faultAt) / 1000;
}
