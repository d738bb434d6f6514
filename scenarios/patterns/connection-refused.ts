import { documentDelays, everyClientServed, noThunderingHerd } from './claims.js';
import { faultedDependency } from './metrics.js';
import { patterns } from './system.js';

export const patternsConnectionRefused = patterns.scenario({
  id: 'patterns-connection-refused',
  title: 'Patterns: 1,000 clients, the dependency refuses connections for 30 s',
  source: '1. Network Failures / Connection Failures',
  description: 'Each client makes one call in the first second and retries until served (at most 50 tries); the dependency refuses every connection for 30 s, then serves with finite capacity: 2 workers of 20 ms (100 requests/s for 1,000 clients), 20 waiting, 503 beyond. Compare retry policies on work (attempts) and time (last client served).',
  defaults: { ratePerS: 0, clients: 1_000, retry: 'equal-jitter', maxAttempts: 50, workers: 2, queueLimit: 20, faultAtMs: 0, faultForMs: 30_000, durationMs: 600_000 },
  faults: (p) => [{ at: p.faultAtMs, target: faultedDependency(p), kind: 'refuse', params: { healAfterMs: p.faultForMs } }],
  claims: [documentDelays, everyClientServed, noThunderingHerd],
});
export default patternsConnectionRefused;
