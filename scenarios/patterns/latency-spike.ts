import { breakerOpensDuringFault, fallbackWhileOpen, latencyBoundedByTimeouts } from './claims.js';
import { faultedDependency } from './metrics.js';
import { patterns } from './system.js';

export const patternsLatencySpike = patterns.scenario({
  id: 'patterns-latency-spike',
  title: 'Patterns: a dependency\'s latency spikes to 2 s',
  source: '1. Network Failures / Latency Spikes',
  description: 'Every request to the dependency takes 2 s longer for 30 s. Timeouts bound the callers\' wait, the breaker (5 failures in 30 s) opens, the cached answer is served while it is open.',
  defaults: { breaker: 'count-in-window', fallback: 'cache' },
  faults: (p) => [{ at: p.faultAtMs, target: faultedDependency(p), kind: 'latency-spike', params: { addMs: 2_000, healAfterMs: p.faultForMs } }],
  claims: [latencyBoundedByTimeouts, breakerOpensDuringFault, fallbackWhileOpen],
});
export default patternsLatencySpike;
