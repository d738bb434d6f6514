import { claim, detectedBy, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 16: a ConfigMap change with a wrong field rolls out. */
export const firewallInvalidConfig = firewall.scenario({
  id: 'firewall-invalid-config',
  title: 'Invalid configuration: a rollout with a missing DATABASE_POOL_SIZE',
  source: '16. Invalid Configuration',
  description: 'At 60 s a new revision rolls out whose configuration lacks a required field. Validated at start-up (Pydantic, fail fast) the new pods never start and v1.0 keeps serving. --set configValidation=lazy: the pods start, pass readiness, the rollout completes, and every request that reads the field fails.',
  documented: documented('High', false),
  defaults: { durationMs: 420_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'ci', kind: 'deploy', params: { version: 'v1.0-config2', badConfigField: 'DATABASE_POOL_SIZE' } }],
  claims: [
    claim(16, 'Detection', 'start-up validation fails and the service refuses to start', (m) => ({ pass: m.startupFailures > 0, detail: `${m.startupFailures} starts refused` })),
    detectedBy(16, 'ServiceNotStarting', 'detectNotStartingMs', 60_000),
    sloImpact(16, 'High', 'high if production'),
  ],
});
export default firewallInvalidConfig;
