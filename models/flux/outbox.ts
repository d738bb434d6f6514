import type { Event } from '../../src/kernel/event.js';
import { ms } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import type { Order } from './order.js';

/**
 * The transactional-outbox mitigation: the API stores the order in an outbox
 * table of the orders database and answers once that commit is durable; a
 * relay publishes outbox rows to Kafka and marks them sent only after the
 * broker acknowledged them. Kafka being down then delays orders instead of
 * failing them. The table lives in the database, so it is only reachable
 * while the database is.
 */
export class Outbox {
  private readonly rows: { order: Order; sent: boolean }[] = [];
  private next = 0;

  constructor(private readonly net: Network, readonly host: string, private readonly dbUp: () => boolean) {}

  get pending(): number {
    return this.rows.length - this.next;
  }

  /** Inserts the order (API side); true once committed, false if the database refused. */
  append(from: string, order: Order, timeoutMs: number): Event<{ ok: true; value: boolean } | { ok: false; error: 'timeout' }> {
    return this.net.call(from, this.host, () => {
      if (!this.dbUp()) return false;
      this.rows.push({ order, sent: false });
      return true;
    }, ms(timeoutMs));
  }

  /** The oldest unsent rows, for the relay. */
  unsent(max: number): { order: Order; index: number }[] {
    if (!this.dbUp()) return [];
    const out: { order: Order; index: number }[] = [];
    for (let i = this.next; i < this.rows.length && out.length < max; i++) if (!this.rows[i]!.sent) out.push({ order: this.rows[i]!.order, index: i });
    return out;
  }

  markSent(index: number): void {
    this.rows[index]!.sent = true;
    while (this.next < this.rows.length && this.rows[this.next]!.sent) this.next++;
  }
}
