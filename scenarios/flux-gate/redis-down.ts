import { noAcceptedOrderLost } from './claims.js';
import { fluxGate } from './system.js';

/** Redis goes down mid-sale; an operator restarts it and re-initialises stock from PostgreSQL. */
export const fluxRedisDown = fluxGate.scenario({
  id: 'flux-redis-down',
  title: 'Flux-Gate: Redis instance down during the flash sale',
  source: '1. Redis Failure / Redis Instance Down',
  description: 'Redis crashes; rate limiting, idempotency and stock checks fail until the operator restarts it and re-initialises stock from the database.',
  faults: (p) => [
    { at: p.faultAtMs, target: 'redis', kind: 'crash' },
    { at: p.faultAtMs + p.faultForMs, target: 'redis', kind: 'restart' },
  ],
  claims: [
    { name: 'the system halts: no order accepted while Redis is down', source: 'Impact: Overall Down', check: (m) => ({ pass: m.ordersAcceptedDuringFault === 0, detail: `${m.ordersAcceptedDuringFault} orders accepted during the outage; ${m.clientErrorRatePct.toFixed(1)}% of requests failed` }) },
    noAcceptedOrderLost('Failure Recovery Matrix: Redis down, Data Loss No'),
    { name: 'nothing oversold after the re-initialisation', source: 'Recovery Steps 3', check: (m) => ({ pass: m.unitsOversold === 0 && m.soldOutInDb === 0, detail: `${m.unitsOversold} units oversold, ${m.soldOutInDb} refused by the database` }) },
  ],
});
export default fluxRedisDown;
