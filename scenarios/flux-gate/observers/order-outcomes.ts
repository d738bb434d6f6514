import type { SaleOutcome } from '../../../models/flux/flash-sale.js';

/**
 * Orders whose stock was decremented in Redis and that then failed to reach
 * Kafka (the API answered 500 with a Kafka error), unless a later retry of
 * the same order was accepted. Without a mitigation, Redis ends below the
 * database by exactly these.
 */
export class OrderOutcomes {
  readonly failedAfterDecrement = new Set<string>();

  constructor(sale: SaleOutcome) {
    sale.replies.add((order, reply) => {
      if (reply.status === 500 && reply.reason?.startsWith('kafka:')) this.failedAfterDecrement.add(order.orderId);
      if (reply.status === 200 && reply.body === 'accepted') this.failedAfterDecrement.delete(order.orderId);
    });
  }
}
