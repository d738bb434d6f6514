import { claim, detectedBy, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 10: v1.1 crashes at start; the rollout never progresses. */
export const firewallFailedRollout = firewall.scenario({
  id: 'firewall-failed-rollout',
  title: 'Failed rollout: v1.1 crashes on start, maxUnavailable 0',
  source: '10. Failed Deployment / Rollout',
  description: 'At 60 s v1.1 rolls out and crashes as it starts. maxSurge 25 % adds one pod, which crash-loops; maxUnavailable 0 keeps all v1.0 pods. After progressDeadlineSeconds (600 s) the Deployment reports ProgressDeadlineExceeded; the CI pipeline (mitigation=on) then runs rollout undo.',
  documented: documented('None', true),
  defaults: { durationMs: 780_000, faultForMs: 660_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'ci', kind: 'deploy', params: { version: 'v1.1', defect: 'crash-on-start' } }],
  claims: [
    claim(10, 'Mitigation', 'the old version continues serving', (m) => ({ pass: m.legitFailedPct === 0, detail: `${m.legitFailedPct.toFixed(3)} % of legitimate requests failed` })),
    detectedBy(10, 'DeploymentNotProgressing (10 minute deadline)', 'detectNotProgressingMs', 630_000),
    claim(10, 'Recovery', 'CI/CD triggers the rollback', (m, p) => ({
      pass: m.rolledBack === 1, detail: m.rolledBack === 1 ? 'rolled back after ProgressDeadlineExceeded' : `no rollback (mitigation=${p.mitigation}): Kubernetes itself never rolls back`,
    })),
    sloImpact(10, 'None', 'old version continues serving'),
  ],
});
export default firewallFailedRollout;
