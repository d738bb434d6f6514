import { noAcceptedOrderLost, noManualStep } from './claims.js';
import { fluxScenario } from './flux-scenario.js';
import type { Claim } from '../../src/scenario/scenario.js';
import type { FluxMetrics } from './metrics.js';
import type { FluxParams } from './params.js';
import { workerDeathSpace } from '../fault-spaces/flux.js';

/** The document's "safest failure mode": claims shared by the crash and the OOM kill. */
export const WORKER_CRASH_CLAIMS: Claim<FluxParams, FluxMetrics>[] = [
  noAcceptedOrderLost('Failure Recovery Matrix: Worker crash, Data Loss No', 'a worker crash loses no order'),
  { name: 'replayed orders create no duplicates (idempotent INSERT)', source: 'Why it works', check: (m) => ({ pass: m.duplicateOrders === 0, detail: `${m.duplicateOrders} duplicate rows, ${m.redeliveredOrders} orders processed again` }) },
  noManualStep('Failure Recovery Matrix: Auto-Recover Yes, Manual None'),
];

export const fluxWorkerCrash = fluxScenario({
  id: 'flux-worker-crash',
  title: 'Flux-Gate: worker crashes mid-processing',
  section: '3. Worker Failure / Worker Crashes Mid-Processing',
  description: 'A worker dies with records in flight; Kubernetes restarts it; its partitions wait for the session timeout, then resume at the committed offsets.',
  faults: (p) => [{ at: p.faultAtMs, target: 'worker-0', kind: 'crash' }],
  claims: WORKER_CRASH_CLAIMS,
  faultSpace: workerDeathSpace('crash'),
});
