import { fluxScenario } from './flux-scenario.js';

export const fluxApiCrash = fluxScenario({
  id: 'flux-api-crash',
  title: 'Flux-Gate: an ingestion API container crashes',
  section: '5. Ingestion API Failure / API Container Crashes',
  description: 'One of the API instances dies; the load balancer takes it out after its health checks; Kubernetes restarts it.',
  faults: (p) => [{ at: p.faultAtMs, target: 'api-0', kind: 'crash' }],
  claims: [
    { name: 'no data loss (stateless)', source: 'Impact: No data loss', check: (m) => ({ pass: m.acceptedOrdersLost === 0, detail: `${m.acceptedOrdersLost} accepted orders lost` }) },
    { name: 'recovers with no manual action', source: 'Matrix: API crash, Auto-Recover Yes, Manual None', check: (m) => ({ pass: m.manualStepNeeded === 0, detail: m.manualStepNeeded ? 'the end state needs a manual step' : 'consistent end state' }) },
  ],
});
