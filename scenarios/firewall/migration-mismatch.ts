import { claim, detectedBy, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 3: v1.1 expects schema 2, the pipeline did not migrate first. */
export const firewallMigrationMismatch = firewall.scenario({
  id: 'firewall-migration-mismatch',
  title: 'Migration version mismatch: v1.1 needs schema 2, the database is at 1',
  source: '3. Migration Version Mismatch',
  description: 'At 60 s the pipeline rolls out v1.1, written for schema 2, without running the migration. The start-up check fails the new pods; maxUnavailable 0 keeps v1.0 serving. --set schemaCheck=off: v1.1 starts and its queries fail. --set mitigation=on runs the migration first (the seed\'s automated recovery).',
  documented: documented('High', true),
  defaults: { durationMs: 420_000, mitigation: 'off' },
  faults: (p) => [{ at: p.faultAtMs, target: 'ci', kind: 'deploy', params: { version: 'v1.1', schema: 2, migrateFirst: p.mitigation === 'on' } }],
  claims: [
    claim(3, 'Mitigation', 'the service refuses to start with a schema mismatch', (m, p) => ({
      pass: p.schemaCheck === 'fail-fast' ? m.startupFailures > 0 : false,
      detail: p.schemaCheck === 'fail-fast' ? `${m.startupFailures} starts refused by the version check` : 'schemaCheck=off: v1.1 started on schema 1',
    })),
    detectedBy(3, 'MigrationMismatch (ServiceNotStarting)', 'detectNotStartingMs', 60_000),
    sloImpact(3, 'High', 'service unavailable until resolved'),
  ],
});
export default firewallMigrationMismatch;
