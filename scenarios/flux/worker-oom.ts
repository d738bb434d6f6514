import { fluxScenario } from './flux-scenario.js';
import { WORKER_CRASH_CLAIMS } from './worker-crash.js';
import { workerDeathSpace } from '../fault-spaces/flux.js';

export const fluxWorkerOom = fluxScenario({
  id: 'flux-worker-oom',
  title: 'Flux-Gate: worker OOM-killed',
  section: '3. Worker Failure / Worker OOM',
  description: 'The kubelet kills the worker for exceeding its memory limit and restarts it (crash-loop back-off); same as a crash.',
  faults: (p) => [
    { at: p.faultAtMs, target: 'worker-0', kind: 'oom' },
    { at: p.faultAtMs + 8_000, target: 'worker-0', kind: 'oom' },
  ],
  claims: WORKER_CRASH_CLAIMS,
  faultSpace: workerDeathSpace('oom'),
});
