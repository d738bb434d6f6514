import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the orders database writes to the trace (source: its name). */
export type OrdersDbEvents = {
  crash: { rolledBack: number; restartAfterMs: number | null };
  restart: { rolledBack: number; committedOrders: number };
  'sold-out': { orderId: string; productId: string };
};
export type OrdersDbRecord = RecordOf<OrdersDbEvents>;
