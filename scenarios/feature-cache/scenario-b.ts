import { controlledLoad, p99Under50, singleComputation } from './claims.js';
import { featureCache } from './system.js';

export const scenarioB = featureCache.scenario({
  id: 'scenario-b',
  title: 'Cache stampede: a popular feature key expires as 1,000 requests arrive',
  source: 'Scenario B: Cache Stampede (Thundering Herd)',
  description: 'The key expires at 60 s while 1,000 requests arrive within 10 ms, over 50 reads/s of steady traffic. --set mitigation=none|coalesce|early-linear|xfetch; --set firstComputationFails=true makes the computations in flight at the expiry fail.',
  faults: (p) => (p.firstComputationFails ? [{ at: p.expiresAtMs, target: 'inference', kind: 'error-rate', params: { rate: 1, healAfterMs: 2 * p.computeMs } }] : []),
  claims: [singleComputation, p99Under50, controlledLoad],
});
export default scenarioB;
