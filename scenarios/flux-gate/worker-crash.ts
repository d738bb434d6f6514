import { WORKER_DEATH_CLAIMS } from './claims.js';
import { fluxGate } from './system.js';
import { workerDeathSpace } from './fault-spaces.js';

export const fluxWorkerCrash = fluxGate.scenario({
  id: 'flux-worker-crash',
  title: 'Flux-Gate: worker crashes mid-processing',
  source: '3. Worker Failure / Worker Crashes Mid-Processing',
  description: 'A worker dies with records in flight; Kubernetes restarts it; its partitions wait for the session timeout, then resume at the committed offsets.',
  faults: (p) => [{ at: p.faultAtMs, target: 'worker-0', kind: 'crash' }],
  claims: WORKER_DEATH_CLAIMS,
  faultSpace: workerDeathSpace('crash'),
});
export default fluxWorkerCrash;
