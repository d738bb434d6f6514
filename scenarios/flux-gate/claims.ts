import type { Claim } from '../../src/scenario/scenario.js';
import type { FluxMetrics } from './metrics.js';
import type { FluxParams } from './params.js';

type FluxClaim = Claim<FluxParams, FluxMetrics>;

/** "No accepted order is lost": every order a buyer got a 200 for is in the database after the drain. */
export function noAcceptedOrderLost(source: string, name = 'no accepted order is lost'): FluxClaim {
  return {
    name,
    source,
    check: (m) => ({
      pass: m.acceptedOrdersLost === 0,
      detail: `${m.acceptedOrdersLost} accepted orders missing after the drain` +
        (m.lostAfterDuplicateReply > 0 ? `, ${m.lostAfterDuplicateReply} of them answered 200 "duplicate" on a retry after a failed attempt (the idempotency key outlived the failure)` : ''),
    }),
  };
}

/** "Auto-recover: yes, manual action: none": a consistent end state and no operator restart. */
export function noManualStep(source: string): FluxClaim {
  return {
    name: 'recovers with no manual action',
    source,
    check: (m) => ({ pass: m.manualStepNeeded === 0, detail: m.manualStepNeeded ? 'the end state needs a manual step' : 'consistent end state' }),
  };
}

/** The document's "safest failure mode": claims shared by a worker's crash and its OOM kill. */
export const WORKER_DEATH_CLAIMS: readonly FluxClaim[] = [
  noAcceptedOrderLost('Failure Recovery Matrix: Worker crash, Data Loss No', 'a worker crash loses no order'),
  { name: 'replayed orders create no duplicates (idempotent INSERT)', source: 'Why it works', check: (m) => ({ pass: m.duplicateOrders === 0, detail: `${m.duplicateOrders} duplicate rows, ${m.redeliveredOrders} orders processed again` }) },
  noManualStep('Failure Recovery Matrix: Auto-Recover Yes, Manual None'),
];
