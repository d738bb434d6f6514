import { claim, detectedBy, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 12: a client release sends invalid payloads on 30 % of its requests. */
export const firewallClientErrors = firewall.scenario({
  id: 'firewall-client-errors',
  title: 'High error rate (4xx): a client release sends invalid payloads',
  source: '12. High Error Rate (Non-5xx)',
  description: 'From 60 s, 30 % of legitimate requests carry a payload that fails validation (422). The SLO counts server errors only.',
  documented: documented('Low', false),
  defaults: { durationMs: 360_000, badPayloadShare: 0.3 },
  faults: () => [],
  claims: [
    detectedBy(12, 'HighClientErrorRate (> 10 %)', 'detectClientErrorsMs', 60_000),
    claim(12, 'Failure', 'the errors are the clients\' (4xx, not 5xx)', (m) => ({ pass: m.validationErrors > 0 && m.serverErrors === 0, detail: `${m.validationErrors} answered 422, ${m.serverErrors} server errors` })),
    claim(12, 'Impact', 'users are affected', (m) => ({ pass: m.legitFailedPct > 0, detail: `${m.legitFailedPct.toFixed(1)} % of legitimate requests failed (422), invisible to a 5xx SLO` })),
    sloImpact(12, 'Low', 'client-side issues'),
  ],
});
export default firewallClientErrors;
