import { blastRadiusContained } from './claims.js';
import { faultedDependency } from './metrics.js';
import { patterns } from './system.js';

export const patternsCascadingFailure = patterns.scenario({
  id: 'patterns-cascading-failure',
  title: 'Patterns: Search becomes slow behind the gateway',
  source: '3. Service Failures / Cascading Failures',
  description: 'A gateway calls Users, Orders and Search (40/40/20 % of 500 req/s). Search takes 5 s more per request for 60 s; its calls hold gateway threads until the 2 s read timeout. With bulkheads (Users 50, Orders 100, Search 25) only Search fails; with one shared pool of 175, Search fills it and Users and Orders calls are turned away too.',
  defaults: { topology: 'gateway', ratePerS: 500, bulkhead: 'on', faultForMs: 60_000, durationMs: 90_000 },
  faults: (p) => [{ at: p.faultAtMs, target: faultedDependency(p), kind: 'latency-spike', params: { addMs: 5_000, healAfterMs: p.faultForMs } }],
  claims: [blastRadiusContained],
});
export default patternsCascadingFailure;
