import { claim, detectedBy, recoversByItself, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 1: PostgreSQL goes away for two minutes and comes back. */
export const firewallDbConnection = firewall.scenario({
  id: 'firewall-db-connection',
  title: 'Database connection failure: PostgreSQL down for 2 minutes',
  source: '1. Database Connection Failure',
  description: 'The database crashes at 60 s and restarts 120 s later. Pods reconnect with the seed\'s back-off (1, 2, 4 ... 30 s); /health answers 503 meanwhile, so every pod leaves the Service.',
  documented: documented('High', true),
  defaults: { durationMs: 420_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'db', kind: 'crash', params: { restartAfterMs: p.faultForMs } }],
  claims: [
    claim(1, 'Detection', 'the health check endpoint returns 503: the pods leave the Service', (m) => ({
      pass: m.minReadyPods === 0, detail: `fewest Ready endpoints during the incident: ${m.minReadyPods}`,
    })),
    detectedBy(1, 'DatabaseConnectionDown', 'detectDbDownMs', 30_000),
    claim(1, 'Mitigation', 'requests are queued temporarily', (m) => ({
      pass: m.gatewayTimeouts > 0 && m.serverErrors > 0 && m.gatewayTimeouts >= m.serverErrors / 2,
      detail: m.minReadyPods === 0
        ? `no pod is Ready, so the Service has no endpoint and the ingress answers 503 at once: ${m.serverErrors} requests failed, ${m.gatewayTimeouts} of them waited for a timeout`
        : `${m.gatewayTimeouts} of ${m.serverErrors} failed requests waited for a timeout`,
    })),
    claim(1, 'Recovery', 'the service retries the connection and is back within 30 s of the database (the back-off\'s cap)', (m, p) => ({
      pass: m.timeToRecoverMs - p.faultForMs <= 30_000,
      detail: `last failed request ${((m.timeToRecoverMs - p.faultForMs) / 1000).toFixed(1)} s after the database restarted (reconnect back-off, then a readiness probe, then endpoint propagation)`,
    })),
    recoversByItself(1, 'automated reconnect'),
    sloImpact(1, 'High', 'service degraded until the database is restored'),
  ],
});
export default firewallDbConnection;
