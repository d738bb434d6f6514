import { fluxGate } from './system.js';
import { WORKER_DEATH_CLAIMS } from './claims.js';
import { workerDeathSpace } from './fault-spaces.js';

export const fluxWorkerOom = fluxGate.scenario({
  id: 'flux-worker-oom',
  title: 'Flux-Gate: worker OOM-killed',
  source: '3. Worker Failure / Worker OOM',
  description: 'The kubelet kills the worker for exceeding its memory limit and restarts it (crash-loop back-off); same as a crash.',
  faults: (p) => [
    { at: p.faultAtMs, target: 'worker-0', kind: 'oom' },
    { at: p.faultAtMs + 8_000, target: 'worker-0', kind: 'oom' },
  ],
  claims: WORKER_DEATH_CLAIMS,
  faultSpace: workerDeathSpace('oom'),
});
export default fluxWorkerOom;
