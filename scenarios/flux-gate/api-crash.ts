import { noAcceptedOrderLost, noManualStep } from './claims.js';
import { fluxGate } from './system.js';

export const fluxApiCrash = fluxGate.scenario({
  id: 'flux-api-crash',
  title: 'Flux-Gate: an ingestion API container crashes',
  source: '5. Ingestion API Failure / API Container Crashes',
  description: 'One of the API instances dies; the load balancer takes it out after its health checks; Kubernetes restarts it.',
  faults: (p) => [{ at: p.faultAtMs, target: 'api-0', kind: 'crash' }],
  claims: [
    noAcceptedOrderLost('Impact: No data loss', 'no data loss (stateless)'),
    noManualStep('Matrix: API crash, Auto-Recover Yes, Manual None'),
  ],
});
export default fluxApiCrash;
