import { noAcceptedOrderLost } from './claims.js';
import { fluxGate } from './system.js';

export const fluxPoolExhausted = fluxGate.scenario({
  id: 'flux-pool-exhausted',
  title: 'Flux-Gate: database connection pool exhausted',
  source: '4. PostgreSQL Failure / Database Connection Pool Exhausted',
  description: 'Queries slow down and a small pool with an acquire timeout runs out: transactions fail with the pool timeout and are retried.',
  defaults: { poolMax: 2, poolAcquireTimeoutMs: 1_000, workerConcurrency: 10, dbQueryMs: 150 },
  faults: () => [],
  claims: [
    { name: 'the pool runs out (acquire timeouts)', source: 'Detection: TimeoutError: Connection pool exhausted', check: (m) => ({ pass: m.poolTimeouts > 0, detail: `${m.poolTimeouts} acquire timeouts` }) },
    noAcceptedOrderLost('Impact: Workers fail to process', 'workers still persist every accepted order'),
  ],
});
export default fluxPoolExhausted;
