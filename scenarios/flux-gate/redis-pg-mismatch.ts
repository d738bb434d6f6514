import { fluxGate } from './system.js';

/**
 * The failure the document's mismatch section hints at but does not name:
 * Redis restarts (appendfsync everysec) and the operator re-initialises
 * stock from PostgreSQL while Kafka still holds orders the workers have not
 * persisted. The database stock is then higher than what is really left, so
 * Redis lets more orders through than there are units.
 */
export const fluxRedisPgMismatch = fluxGate.scenario({
  id: 'flux-redis-pg-mismatch',
  title: 'Flux-Gate: Redis-PostgreSQL stock mismatch after a Redis restart with a Kafka backlog',
  source: 'Data Consistency Scenarios / Redis-PostgreSQL Mismatch',
  description: 'Redis crashes and is re-initialised from the database while slow workers still have a backlog in Kafka.',
  defaults: { redisPersistence: 'aof-everysec', workers: 1, dbQueryMs: 150, faultForMs: 5_000, reinitDelayMs: 1_000 },
  faults: (p) => [
    { at: p.faultAtMs, target: 'redis', kind: 'crash' },
    { at: p.faultAtMs + p.faultForMs, target: 'redis', kind: 'restart' },
  ],
  claims: [
    { name: 'nothing is oversold', source: 'Data Consistency: Trust PostgreSQL', check: (m) => ({ pass: m.unitsOversold === 0, detail: `${m.unitsOversold} units oversold, ${m.soldOutInDb} accepted orders refused by the database` }) },
    { name: 'Redis and the database agree at the end', source: 'Resolution 2: Check Redis vs DB values', check: (m) => ({ pass: m.stockDivergence === 0, detail: `Redis - DB = ${m.stockDivergence}` }) },
  ],
});
export default fluxRedisPgMismatch;
