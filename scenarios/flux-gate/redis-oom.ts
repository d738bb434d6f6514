import { noAcceptedOrderLost } from './claims.js';
import { fluxGate } from './system.js';

/** Other data fills Redis to maxmemory under noeviction: new idempotency keys and stock writes are refused. */
export const fluxRedisOom = fluxGate.scenario({
  id: 'flux-redis-oom',
  title: 'Flux-Gate: Redis memory full (maxmemory, noeviction)',
  source: '1. Redis Failure / Redis Memory Full',
  description: 'Redis reaches maxmemory with the default noeviction policy; writes get the OOM error while reads work.',
  defaults: { redisMaxmemoryBytes: 1_000_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'redis', kind: 'fill-memory', params: { bytes: p.redisMaxmemoryBytes } }],
  claims: [
    { name: 'new idempotency keys are rejected (requests fail)', source: 'Impact: New idempotency keys rejected', check: (m) => ({ pass: m.clientErrorRatePct > 0, detail: `${m.clientErrorRatePct.toFixed(1)}% of requests failed` }) },
    noAcceptedOrderLost('Failure Mode Summary'),
  ],
});
export default fluxRedisOom;
