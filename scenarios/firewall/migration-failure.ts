import { claim, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 11: the migration job fails at its second statement; a CI retry starts a second job. */
export const firewallMigrationFailure = firewall.scenario({
  id: 'firewall-migration-failure',
  title: 'Database migration failure: the job fails part-way, a retry races it',
  source: '11. Database Migration Failure',
  description: 'At 60 s the pipeline starts two migration jobs at once (a retried CI stage); the first holds the advisory lock and fails at its second statement. Statement by statement (the default) it leaves the schema dirty; --set mitigation=on runs it in one transaction, which rolls back cleanly. The deployment is blocked either way: v1.0 keeps serving.',
  documented: documented('High', false),
  defaults: { durationMs: 360_000, mitigation: 'off' },
  // mitigation=on: the migration runs in one transaction (PostgreSQL's DDL is transactional), so its failure leaves nothing half-applied.
  faults: (p) => [{ at: p.faultAtMs, target: 'ci', kind: 'migrate', params: { failAtStep: 2, transactional: p.mitigation === 'on', jobs: 2 } }],
  claims: [
    claim(11, 'Mitigation', 'the migration lock prevents concurrent runs', (m) => ({ pass: m.migrationLockWaits > 0, detail: `${m.migrationLockWaits} jobs waited for or were refused the lock` })),
    claim(11, 'Mitigation', 'a backup is taken before the migration', (m) => ({ pass: m.migrationBackups > 0, detail: `${m.migrationBackups} backups taken` })),
    claim(11, 'Detection', 'MigrationFailed: the job fails and the pipeline halts', (m) => ({ pass: m.migrationsFailed > 0, detail: `${m.migrationsFailed} jobs failed or left the schema dirty` })),
    claim(11, 'Recovery', 'recovery is manual', (m) => ({ pass: m.manualStepNeeded === 1, detail: m.manualStepNeeded === 1 ? 'an operator must repair the schema' : 'nothing left to do' })),
    sloImpact(11, 'High', 'deployment blocked'),
  ],
});
export default firewallMigrationFailure;
