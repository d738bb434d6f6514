import { claim, detectedBy, recoversByItself, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 13: v1.1 answers 5 % of requests with 500; readiness passes, the rollout completes. */
export const firewallServerErrors = firewall.scenario({
  id: 'firewall-server-errors',
  title: 'High error rate (5xx): a release that fails 5 % of requests',
  source: '13. High Error Rate (5xx)',
  description: 'At 60 s v1.1 rolls out with a bug on a path 5 % of requests take. Readiness passes, so the rollout completes and every pod runs it. Clients retry 5xx twice.',
  documented: documented('High', true),
  defaults: { durationMs: 420_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'ci', kind: 'deploy', params: { version: 'v1.1', defect: 'error-rate', errorRate: 0.05 } }],
  claims: [
    detectedBy(13, 'HighServerErrorRate (> 1 %)', 'detectServerErrorsMs', 120_000),
    claim(13, 'Recovery', 'the circuit breaker opens if errors are sustained', (m) => ({
      pass: m.breakerOpens > 0, detail: `${m.breakerOpens} breakers opened: the breaker guards the calls this service makes, not the errors it returns`,
    })),
    claim(13, 'Mitigation', 'automatic retries absorb transient errors', (m) => ({
      pass: m.legitFailedPct < 0.1, detail: `${m.legitFailedPct.toFixed(3)} % of legitimate requests still failed after two retries (0.05^3 = 0.0125 % expected)`,
    })),
    recoversByItself(13, 'breaker and retries'),
    sloImpact(13, 'High', 'SLO at risk'),
  ],
});
export default firewallServerErrors;
