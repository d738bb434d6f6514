import { breakerWalksDiagram } from './claims.js';
import { faultedDependency } from './metrics.js';
import { patterns } from './system.js';

export const patternsBreakerStates = patterns.scenario({
  id: 'patterns-breaker-states',
  title: 'Patterns: a failing dependency walks the circuit breaker through its states',
  source: '3. Service Failures / Circuit Breaker States',
  description: 'The dependency answers every request with an error for 90 s, then recovers. The breaker opens, probes in half-open, opens again while the dependency still fails, and closes once a probe succeeds.',
  defaults: { breaker: 'count-in-window', fallback: 'default', faultForMs: 90_000, durationMs: 240_000 },
  faults: (p) => [{ at: p.faultAtMs, target: faultedDependency(p), kind: 'error-rate', params: { rate: 1, healAfterMs: p.faultForMs } }],
  claims: [breakerWalksDiagram],
});
export default patternsBreakerStates;
