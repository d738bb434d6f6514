/**
 * Your own system from failsim's resilience models: a payments service (a
 * GenericService: workers, a queue, seed 001's dependency faults) called by
 * a checkout through a ResilientCaller with the retry policy, circuit
 * breaker and fallback you choose. One scenario: the payments service slows
 * down for a minute.
 *
 *   npx sim run examples/resilient-client.ts --seed 1
 *   npx sim run examples/resilient-client.ts --seed 1 --set breaker=none --set retry=immediate
 */
import { z } from 'zod';
import { createBreaker, createRetryPolicy, defineSystem, GenericService, ms, percentile, ResilientCaller, startPoissonArrivals, traceBreaker, type CallResult, type Claim } from 'failsim';

const params = z.object({
  ratePerS: z.number().positive().default(100).describe('checkout requests per second (Poisson)'),
  retry: z.enum(['none', 'immediate', 'full-jitter', 'equal-jitter']).default('full-jitter'),
  breaker: z.enum(['none', 'count-in-window', 'count-window', 'opossum']).default('count-in-window'),
  fallback: z.enum(['none', 'cache', 'default']).default('default').describe('default: "payment pending" instead of an error'),
  durationMs: z.number().positive().default(180_000),
});
type Params = z.output<typeof params>;

const checkout = defineSystem({
  id: 'checkout-payments',
  source: 'your runbook',
  params,
  durationMs: (p) => p.durationMs,
  build(sim, p) {
    const payments = new GenericService(sim, 'payments', { workers: 16, serviceTimeMs: 40 });
    const made = createBreaker(p.breaker, {}, sim.now);
    const breaker = made && traceBreaker(sim, 'breaker/payments', made);
    const retry = createRetryPolicy(p.retry, { baseMs: 100, capMs: 2_000, maxAttempts: 3 });
    const caller = new ResilientCaller(sim, 'checkout', payments, { retry, breaker }, { readTimeoutMs: 1_000, fallback: p.fallback });
    startPoissonArrivals(sim, sim.rng('checkout/arrivals'), p.ratePerS, ms(p.durationMs), () => caller.call(() => {}));
    return { payments, caller };
  },
  // Wiring is not measuring: the outcomes are collected here, from the caller's hook.
  observe(world) {
    const latencies: number[] = [];
    const tally = { calls: 0, failed: 0, fallback: 0 };
    world.caller.completed.add((r: CallResult) => {
      tally.calls++;
      if (!r.ok) tally.failed++;
      else if (r.source !== 'live') tally.fallback++;
      latencies.push((r.endedAt - r.startedAt) / 1000);
    });
    return { latencies, tally };
  },
  metrics: ({ observed: o, world }) => ({
    calls: o.tally.calls,
    errorRatePct: o.tally.calls === 0 ? 0 : (100 * o.tally.failed) / o.tally.calls,
    fallbackAnswers: o.tally.fallback,
    latencyP99Ms: percentile([...o.latencies].sort((a, b) => a - b), 99),
    paymentsServed: world.payments.served,
  }),
  metricInfo: {
    calls: { label: 'checkout calls', unit: 'count' },
    errorRatePct: { label: 'checkout calls that failed', unit: 'percent' },
    fallbackAnswers: { label: 'answered "payment pending" (fallback)', unit: 'count' },
    latencyP99Ms: { label: 'checkout latency p99', unit: 'ms' },
    paymentsServed: { label: 'requests the payments service served', unit: 'count' },
  },
});

const underOnePercent: Claim<Params, { errorRatePct: number }> = {
  name: 'a slow payments service costs under 1 % of checkouts',
  check: (m) => ({ pass: m.errorRatePct < 1, detail: `${m.errorRatePct.toFixed(2)} % of checkout calls failed` }),
};

export default checkout.scenario({
  id: 'payments-slow', title: 'Payments answers in 1.5 s for a minute', source: 'incident 42',
  faults: () => [{ at: '60s', target: 'payments', kind: 'latency-spike', params: { addMs: 1_500, healAfterMs: 60_000 } }],
  claims: [underOnePercent],
});
