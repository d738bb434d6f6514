import type { Invariant } from '../../../src/scenario/invariant.js';
import { firstFew } from '../../invariants/first-few.js';
import type { FluxParams } from '../params.js';
import type { FluxView } from '../view.js';

/**
 * At-least-once: every order in the Kafka topic reached the database, as a
 * row or as a transaction a worker saw refused (sold out). A worker that
 * dies after the commit but before the answer still processed the message:
 * the row is what counts.
 */
export const ordersProcessedAtLeastOnce: Invariant<FluxParams, FluxView> = {
  name: 'each message processed at least once',
  kind: 'always',
  source: 'Flux-Gate: Kafka consumer group, at-least-once delivery',
  watch({ world: system }) {
    return {
      verdict() {
        const unprocessed: string[] = [];
        let total = 0;
        for (let p = 0; p < system.broker.partitionsOf('orders'); p++) {
          for (const r of system.broker.records('orders', p)) {
            total++;
            if (!system.db.hasOrder(r.key) && !system.persisted.results.has(r.key)) unprocessed.push(`${r.key}@${p}:${r.offset}`);
          }
        }
        return unprocessed.length === 0
          ? { pass: true, detail: `all ${total} messages processed` }
          : { pass: false, detail: `${unprocessed.length} of ${total} messages never processed (${firstFew(unprocessed, 3)})` };
      },
    };
  },
};
