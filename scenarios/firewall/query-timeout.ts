import { claim, detectedBy, recoversByItself, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 2: queries slow past the 30 s timeout for a minute (a lock, a missing index, a vacuum). */
export const firewallQueryTimeout = firewall.scenario({
  id: 'firewall-query-timeout',
  title: 'Database query timeout: every query takes 35 s for a minute',
  source: '2. Database Query Timeout',
  description: 'From 60 s, for 60 s, queries take 35 s longer (a table lock). The pods abandon each at the 30 s query timeout with 504; their four workers each hold a request for those 30 s.',
  documented: documented('Medium', true),
  defaults: { durationMs: 360_000, faultForMs: 60_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'db', kind: 'latency-spike', params: { addMs: 35_000, healAfterMs: p.faultForMs } }],
  claims: [
    detectedBy(2, 'DatabaseSlowQueries', 'detectSlowQueriesMs', 60_000),
    claim(2, 'Mitigation', 'failed queries return 504 Gateway Timeout', (m) => ({
      pass: m.gatewayTimeouts > 0, detail: `${m.gatewayTimeouts} requests ended 504 or without an answer, of ${m.serverErrors} bad ones (the rest: 503 from full queues and the ingress)`,
    })),
    claim(2, 'SLO Impact', 'only individual requests are affected', (m) => ({
      pass: m.legitFailedPct < 5,
      detail: `${m.legitFailedPct.toFixed(1)} % of legitimate requests failed: a 30 s timeout holds a worker for 30 s, four workers per pod serve 0.13 requests/s each, so every request queues behind the slow ones`,
    })),
    recoversByItself(2, 'queries retried with back-off'),
    sloImpact(2, 'Medium', 'individual requests affected'),
  ],
});
export default firewallQueryTimeout;
