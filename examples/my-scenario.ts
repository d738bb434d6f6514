/**
 * A scenario of your own, written against failsim's public API only: one
 * instance of the checkout service (examples/checkout-system.ts) crashes and
 * its supervisor restarts it `restartAfterMs` later.
 *
 *   npx sim run examples/my-scenario.ts --seed 1
 *   npx sim run examples/my-scenario.ts --seed 1 --set checkIntervalMs=10000 --set maxAttempts=1
 *
 * The claims come from an imagined runbook, "checkout-api failure modes".
 */
import { blackholeBounded, checkout, withinErrorBudget } from './checkout-system.js';

export default checkout.scenario({
  id: 'lb-instance-crash', title: 'One instance behind a health-checked load balancer crashes', source: 'section 2',
  faults: (p) => [{ at: '60s', target: 'instance-1', kind: 'crash', params: { restartAfterMs: p.restartAfterMs } }],
  claims: [
    { name: 'the LB stops routing to a crashed instance within unhealthyThreshold x checkIntervalMs', source: 'runbook 2.1', check: (m, p) => blackholeBounded(m.longestBlackholeMs, p) },
    { name: 'losing one instance costs under maxErrorPercent of requests', source: 'runbook 2.2', check: withinErrorBudget },
  ],
});
