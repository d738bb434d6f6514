import { noAcceptedOrderLost, noManualStep } from './claims.js';
import { fluxGate } from './system.js';
import { outageSpace } from './fault-spaces.js';

export const fluxPgDown = fluxGate.scenario({
  id: 'flux-pg-down',
  title: 'Flux-Gate: PostgreSQL down during the flash sale',
  source: '4. PostgreSQL Failure / Database Down',
  description: 'The database is down; the API keeps accepting, workers retry until it returns, and orders are eventually persisted.',
  faults: (p) => [{ at: p.faultAtMs, target: 'orders-db', kind: 'crash', params: { restartAfterMs: p.faultForMs } }],
  faultSpace: outageSpace('orders-db'),
  claims: [
    { name: 'the API keeps accepting orders', source: 'Impact: Ingestion API continues accepting', check: (m) => ({ pass: m.ordersAcceptedDuringFault > 0, detail: `${m.ordersAcceptedDuringFault} orders accepted while the database was down` }) },
    noAcceptedOrderLost('Recovery 3; Matrix: DB down, Data Loss No', 'orders are eventually persisted (no loss)'),
    noManualStep('Matrix: DB down, Auto-Recover Yes'),
  ],
});
export default fluxPgDown;
