import { fluxGate } from './system.js';

/** The database slows down: workers fall behind, orders are accepted long before they are persisted. */
export const fluxKafkaLag = fluxGate.scenario({
  id: 'flux-kafka-lag',
  title: 'Flux-Gate: consumer lag builds up behind slow workers',
  source: '2. Kafka Failure / Kafka Lag Buildup',
  description: 'One worker on a slow database: the backlog grows during the sale and drains afterwards.',
  defaults: { workers: 1, dbQueryMs: 40, clients: 600, initialStock: 600, saleWindowMs: 20_000 },
  faults: () => [],
  claims: [
    { name: 'lag builds up: orders are accepted but not yet persisted', source: 'Impact: Orders accepted but not persisted', check: (m) => ({ pass: m.peakConsumerLag > 0, detail: `peak lag ${m.peakConsumerLag} messages` }) },
    { name: 'lag returns to 0 and every accepted order is persisted', source: 'Recovery: Monitor until lag = 0', check: (m) => ({ pass: m.finalConsumerLag === 0 && m.acceptedOrdersLost === 0, detail: `final lag ${m.finalConsumerLag}, ${m.acceptedOrdersLost} accepted orders missing` }) },
  ],
});
export default fluxKafkaLag;
