import type { MetricInfo } from '../../src/scenario/scenario.js';
import type { FluxMetrics } from './metrics.js';

export const FLUX_METRIC_INFO: { readonly [K in keyof FluxMetrics]: MetricInfo } = {
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
