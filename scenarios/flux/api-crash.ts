import { noAcceptedOrderLost, noManualStep } from './claims.js';
import { fluxScenario } from './flux-scenario.js';

export const fluxApiCrash = fluxScenario({
  id: 'flux-api-crash',
  title: 'Flux-Gate: an ingestion API container crashes',
  section: '5. Ingestion API Failure / API Container Crashes',
  description: 'One of the API instances dies; the load balancer takes it out after its health checks; Kubernetes restarts it.',
  faults: (p) => [{ at: p.faultAtMs, target: 'api-0', kind: 'crash' }],
  claims: [
    noAcceptedOrderLost('Impact: No data loss', 'no data loss (stateless)'),
    noManualStep('Matrix: API crash, Auto-Recover Yes, Manual None'),
  ],
});
