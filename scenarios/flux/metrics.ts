import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { MetricInfo } from '../../src/scenario/scenario.js';
import type { FluxSystem } from '../../models/flux/flux-system.js';
import type { FluxParams } from './params.js';

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

export function fluxMetrics(system: FluxSystem, sim: Simulation, p: FluxParams): FluxMetrics {
  const { sale, db } = system;
  const orders = db.orders();
  const lostIds = lostAcceptedOrders(system);
  const lost = lostIds.length;
  const redisStock = system.redisStock();
  const dbStock = db.stock('iphone-15');
  const divergence = redisStock - dbStock;
  const redelivered = [...system.persistedResults.values()].filter((o) => o === 'duplicate').length;
  const faultAt = sim.faults.injected.length > 0 ? Math.min(...sim.faults.injected.map((f) => f.at)) : null;
  const manualRestart = sim.faults.injected.some((f) => f.kind === 'restart');
  const inconsistent = !(divergence === 0) || lost > 0 || system.soldOutInDb.size > 0 || !system.redis.up || !system.broker.up || !db.up;
  return {
    ordersAccepted: sale.accepted.size,
    ordersAcceptedDuringFault: [...sale.acceptedAt.values()].filter((t) => t >= ms(p.faultAtMs) && t < ms(p.faultAtMs + p.faultForMs)).length,
    ordersPersisted: orders.length,
    acceptedOrdersLost: lost,
    lostAfterDuplicateReply: lostIds.filter((id) => sale.acceptedAsDuplicate.has(id)).length,
    duplicateOrders: orders.length - new Set(orders.map((o) => o.orderId)).size,
    redeliveredOrders: redelivered,
    unitsOversold: Math.max(0, sale.accepted.size - p.initialStock),
    soldOutInDb: system.soldOutInDb.size,
    redisStock,
    dbStock,
    stockDivergence: divergence,
    failedAfterDecrement: system.failedAfterDecrement.size,
    peakConsumerLag: system.peakLag,
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
 * Orders a buyer got a 200 for that have no row in the database, in the
 * order they were accepted. One definition for the metric, its claims and
 * the `acceptedOrdersKept` invariant.
 */
export function lostAcceptedOrders(system: FluxSystem): string[] {
  return [...system.sale.accepted].filter((id) => !system.db.hasOrder(id));
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

export const FLUX_METRIC_INFO: { [K in keyof FluxMetrics]?: MetricInfo } = {
  ordersAccepted: { label: 'Orders accepted (200 to the buyer)', unit: 'count' },
  ordersAcceptedDuringFault: { label: 'Orders accepted while the fault lasted', unit: 'count' },
  ordersPersisted: { label: 'Orders persisted after the drain', unit: 'count' },
  acceptedOrdersLost: { label: 'Accepted orders lost', unit: 'count' },
  lostAfterDuplicateReply: { label: '... of which a retry was told "duplicate"', unit: 'count' },
  duplicateOrders: { label: 'Duplicate orders in the database', unit: 'count' },
  redeliveredOrders: { label: 'Orders processed again (idempotent insert absorbed)', unit: 'count' },
  unitsOversold: { label: 'Units oversold (accepted beyond stock)', unit: 'count' },
  soldOutInDb: { label: 'Accepted orders refused by the database (sold out)', unit: 'count' },
  redisStock: { label: 'Redis stock at the end', unit: 'count' },
  dbStock: { label: 'Database stock at the end', unit: 'count' },
  stockDivergence: { label: 'Redis minus database stock', unit: 'count' },
  failedAfterDecrement: { label: 'Orders failed after the stock decrement', unit: 'count' },
  peakConsumerLag: { label: 'Peak consumer lag', unit: 'count' },
  finalConsumerLag: { label: 'Consumer lag at the end', unit: 'count' },
  clientErrorRatePct: { label: 'Buyer error rate (per request)', unit: 'percent' },
  buyersGivenUp: { label: 'Buyers who gave up', unit: 'count' },
  timeToRecoverMs: { label: 'Time to recover (buyer view)', unit: 'ms' },
  manualStepNeeded: { label: 'Manual step needed (1 = yes)', unit: 'count' },
  poolTimeouts: { label: 'Pool acquire timeouts', unit: 'count' },
  redisOomRejections: { label: 'Redis OOM rejections', unit: 'count' },
};
