import { claim, detectedBy, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 6: one client sends 600 requests a minute against a 250/min limit. */
export const firewallRateLimit = firewall.scenario({
  id: 'firewall-rate-limit',
  title: 'Rate limit exceeded: one client at 600 requests per minute',
  source: '6. Rate Limit Exceeded',
  description: 'From 60 s, for 5 minutes, one client sends 10 requests/s (600/min) against the seed\'s 250/min. The limiter is per pod by default: three pods admit 3 x 250. --set rateLimiter=shared keeps one bucket per client.',
  documented: documented('None', false),
  defaults: { durationMs: 420_000, faultForMs: 300_000, greedyClientPerS: 10 },
  faults: () => [],
  claims: [
    claim(6, 'Failure', 'a client over 250 requests per minute is limited to it', (m, p) => ({
      pass: m.greedyAdmittedPerMin <= p.rateLimitPerMin * 1.05 + p.rateLimitBurst / (p.faultForMs / 60_000),
      detail: `it got ${m.greedyAdmittedPerMin.toFixed(0)} requests per minute through (${p.rateLimiter} limiter, ${m.peakReplicas} pods at most)`,
    })),
    claim(6, 'Mitigation', 'per-client tracking: other clients are not limited', (m) => ({
      pass: m.othersRateLimited === 0, detail: `${m.othersRateLimited} 429s to other clients`,
    })),
    detectedBy(6, 'HighRateLimitRejections', 'detectRateLimitMs', 120_000),
    sloImpact(6, 'None', 'protection mechanism working'),
  ],
});
export default firewallRateLimit;
