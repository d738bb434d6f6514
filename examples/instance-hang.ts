/**
 * The checkout service again: instance 1 freezes (it accepts connections and
 * answers nothing) until an operator restarts it a minute later. The
 * clients' timeouts and retries hide it while the load balancer's checks
 * take it out.
 *
 *   npx sim run examples/instance-hang.ts --seed 1
 */
import { checkout, withinErrorBudget } from './checkout-system.js';

export default checkout.scenario({
  id: 'lb-instance-hang', title: 'One instance behind a health-checked load balancer freezes', source: 'section 2',
  faults: () => [{ at: '60s', target: 'instance-1', kind: 'hang' }, { at: '120s', target: 'instance-1', kind: 'restart' }],
  claims: [{ name: 'a frozen instance costs under maxErrorPercent of requests (timeouts and retries)', source: 'runbook 2.3', check: withinErrorBudget }],
});
