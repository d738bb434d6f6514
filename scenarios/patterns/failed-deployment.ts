import { rollbackRestores, usersBarelyNotice } from './claims.js';
import { deployFaultSpace } from './fault-space.js';
import { patterns } from './system.js';

export const patternsFailedDeployment = patterns.scenario({
  id: 'patterns-failed-deployment',
  title: 'Patterns: v1.1 crashes in production after a blue-green switch',
  source: '5. Deployment Failures / Failed Deployment',
  description: 'v1.0 runs on blue (3 instances, 100 req/s); v1.1 is deployed to green at 60 s with a schema migration and switched to once running. Each v1.1 process dies after 200 requests and restarts 10 s later. An error-rate analysis (5 % over 30 s) switches back to blue. With an incompatible migration, blue cannot work on the new schema and the rollback restores nothing.',
  defaults: { topology: 'deploy', ratePerS: 100, retry: 'equal-jitter', maxAttempts: 3, faultAtMs: 60_000, durationMs: 240_000 },
  faults: (p) => [{
    at: p.faultAtMs, target: 'app', kind: 'deploy',
    params: { release: 'v1.1', defect: 'crash-after-requests', crashAfterRequests: 200, restartAfterMs: 10_000, migration: p.migration },
  }],
  claims: [rollbackRestores, usersBarelyNotice],
  faultSpace: deployFaultSpace,
});
export default patternsFailedDeployment;
