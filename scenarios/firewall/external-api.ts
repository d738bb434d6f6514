import { claim, detectedBy, recoversByItself, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 14: the external API hangs for two minutes. */
export const firewallExternalApi = firewall.scenario({
  id: 'firewall-external-api',
  title: 'External API failure: the policy API hangs for two minutes',
  source: '14. External API Failure',
  description: 'From 60 s, for 120 s, the external API answers after 60 s: every call runs into the 30 s timeout, three attempts with back-off. Each pod\'s breaker (pybreaker: 5 failures, 60 s open) opens after five timeouts; then the cached fallback answers. --set breaker=none, --set fallback=none, --set retry=none.',
  documented: documented('Medium', true),
  defaults: { durationMs: 420_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'external-api', kind: 'latency-spike', params: { addMs: 60_000, healAfterMs: p.faultForMs } }],
  claims: [
    detectedBy(14, 'ExternalAPIDown (a breaker opens)', 'detectExternalDownMs', 120_000),
    claim(14, 'Mitigation', 'the breaker opens after 5 failures and the cached fallback answers', (m) => ({
      pass: m.breakerOpens > 0 && m.fallbackAnswers > 0, detail: `${m.breakerOpens} breakers opened, ${m.fallbackAnswers} lookups answered from the cache`,
    })),
    claim(14, 'Impact', 'only requests that need the external API are affected', (m, p) => ({
      pass: m.legitFailedPct <= 100 * p.externalShare,
      detail: `${m.legitFailedPct.toFixed(1)} % of legitimate requests failed; ${(100 * p.externalShare).toFixed(0)} % need the external API: calls waiting 30 s x 3 attempts hold the pod's 4 workers, so the others queue too`,
    })),
    recoversByItself(14, 'the breaker retries periodically'),
    sloImpact(14, 'Medium', 'depends on criticality'),
  ],
});
export default firewallExternalApi;
