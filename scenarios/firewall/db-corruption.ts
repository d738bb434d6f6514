import { claim, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

const HOUR = 3_600_000;

/** Seed 004, 15: ten rows lose their parent at 02:00; the daily check runs at midnight. */
export const firewallDbCorruption = firewall.scenario({
  id: 'firewall-db-corruption',
  title: 'Database corruption: orphaned rows found by the daily integrity check',
  source: '15. Database Corruption Detection',
  description: 'At 02:00 a bug (a session with triggers off) orphans ten rows. The daily integrity check at midnight finds them 22 h later; the operator restores to just before the corruption by point-in-time recovery, which stops writes for the restore and discards every write since 02:00. Light traffic over 26 hours.',
  documented: documented('High', false),
  defaults: { durationMs: 26 * HOUR, faultAtMs: 2 * HOUR, faultForMs: 24 * HOUR, ratePerS: 0.2, hpa: 'off' },
  faults: (p) => [{ at: p.faultAtMs, target: 'integrity', kind: 'corrupt', params: { rows: 10 } }],
  claims: [
    claim(15, 'Mitigation', 'regular (daily) integrity checks detect the corruption', (m) => ({
      pass: m.corruptionDetectedAfterMs <= 24 * HOUR, detail: `found ${(m.corruptionDetectedAfterMs / HOUR).toFixed(1)} h after it happened`,
    })),
    claim(15, 'Mitigation', 'point-in-time recovery is available', (m) => ({
      pass: m.restoreMs > 0, detail: `the restore stopped writes for ${(m.restoreMs / 60_000).toFixed(0)} min and discarded ${m.writesLostByRestore} writes made after the corruption`,
    })),
    claim(15, 'Recovery', 'restoring loses no valid data', (m) => ({
      pass: m.writesLostByRestore === 0, detail: `${m.writesLostByRestore} valid writes lost: PITR can only go back to before the corruption`,
    })),
    sloImpact(15, 'High', 'may require a maintenance window'),
  ],
});
export default firewallDbCorruption;
