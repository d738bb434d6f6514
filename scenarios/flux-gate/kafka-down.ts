import { noAcceptedOrderLost } from './claims.js';
import { fluxGate } from './system.js';
import { outageSpace } from './fault-spaces.js';

/** The Kafka broker is down for a while: orders are decremented in Redis, then fail to publish. */
export const fluxKafkaDown = fluxGate.scenario({
  id: 'flux-kafka-down',
  title: 'Flux-Gate: Kafka broker down during the flash sale',
  source: '2. Kafka Failure / Kafka Broker Down',
  description: 'The broker is down; without a mitigation the API answers 500 after the stock DECR, leaving Redis below the database.',
  faults: (p) => [{ at: p.faultAtMs, target: 'kafka', kind: 'crash', params: { restartAfterMs: p.faultForMs } }],
  faultSpace: outageSpace('kafka'),
  claims: [
    {
      name: 'Redis stock ends below the database by exactly the orders that failed after the decrement (none with a mitigation)',
      source: 'Data Inconsistency; Prevention: producer retries with idempotent producer',
      check: (m, p) => {
        const expected = p.mitigation === 'none' ? -m.failedAfterDecrement : 0;
        return { pass: m.stockDivergence === expected, detail: `Redis - DB = ${m.stockDivergence}, expected ${expected} (${m.failedAfterDecrement} orders failed after the DECR)` };
      },
    },
    noAcceptedOrderLost('Failure Recovery Matrix: Kafka down, Data Loss Possible'),
  ],
});
export default fluxKafkaDown;
