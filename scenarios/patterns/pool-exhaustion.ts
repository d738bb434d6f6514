import { poolAlertFirst, poolReachesMaxSize, prePingHidesRestarts } from './claims.js';
import { patterns } from './system.js';

export const patternsPoolExhaustion = patterns.scenario({
  id: 'patterns-pool-exhaustion',
  title: 'Patterns: slow queries and a database restart behind the seed\'s connection pool',
  source: '4. Resource Exhaustion / Connection Pool Exhaustion',
  description: 'An API at 100 requests/s, one 20 ms statement each, through SQLAlchemy\'s QueuePool with the seed\'s settings. Queries become 25 times slower (500 ms) for 60 s from 10 s: the 15 connections serve 30 requests/s, the line grows and checkouts time out after 30 s; the database restarts at 90 s (5 s down), killing every open connection.',
  defaults: { topology: 'pool', ratePerS: 100, serviceTimeMs: 20, faultForMs: 60_000 },
  faults: (p) => [
    { at: p.faultAtMs, target: 'database', kind: 'slow', params: { factor: 25, healAfterMs: p.faultForMs } },
    { at: p.faultAtMs + 80_000, target: 'database', kind: 'crash', params: { restartAfterMs: 5_000 } },
  ],
  claims: [prePingHidesRestarts, poolAlertFirst, poolReachesMaxSize],
});
export default patternsPoolExhaustion;
