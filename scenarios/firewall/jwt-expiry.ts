import { claim, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 5: tokens expire; the API's clock runs 30 s ahead of the identity provider's. */
export const firewallJwtExpiry = firewall.scenario({
  id: 'firewall-jwt-expiry',
  title: 'JWT expiry under clock skew: the verifier 30 s ahead, 10 s leeway',
  source: '5. JWT Token Expiration',
  description: 'Tokens live 5 minutes; clients refresh after a 401. From 60 s the API pods\' clock is 30 s ahead (NTP broken): with 10 s leeway every token is refused 20 s before it expires. --set tokenRefresh=proactive refreshes a minute early.',
  documented: documented('None', false),
  defaults: { durationMs: 600_000, faultForMs: 480_000, tokenLifetimeMs: 300_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'auth', kind: 'clock-skew', params: { offsetMs: 30_000 } }],
  claims: [
    claim(5, 'Detection', 'expired tokens get 401 "token expired"', (m) => ({
      pass: m.legitUnauthorized > 0, detail: `${m.legitUnauthorized} 401s to legitimate clients`,
    })),
    claim(5, 'Mitigation', 'clock skew tolerance of 10 s absorbs clock differences', (m) => ({
      pass: m.legitUnauthorized === 0,
      detail: `${m.legitUnauthorized} valid tokens refused: a 30 s skew exceeds the 10 s leeway, so each token dies 20 s early`,
    })),
    claim(5, 'SLO Impact', 'the client handles token refresh: no legitimate request fails', (m) => ({
      pass: m.legitFailedPct === 0, detail: `${m.legitFailedPct.toFixed(3)} % of legitimate requests failed after refresh and retries`,
    })),
    sloImpact(5, 'None', 'client handles token refresh'),
  ],
});
export default firewallJwtExpiry;
