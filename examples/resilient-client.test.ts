import { describe, expect, it } from 'vitest';
import { runScenario } from 'failsim';
import paymentsSlow from './resilient-client.js';

describe('examples/resilient-client.ts: a user system built from the resilience models', () => {
  it('breaker + fallback keep checkouts answering through the slowdown; immediate retries without them fail most and double the load', () => {
    const guarded = runScenario(paymentsSlow, { seed: 1, timeline: false });
    const bare = runScenario(paymentsSlow, { seed: 1, timeline: false, params: { breaker: 'none', retry: 'immediate', fallback: 'none' } });
    expect(guarded.metrics['errorRatePct']).toBe(0);
    expect(bare.metrics['errorRatePct']).toBeGreaterThan(50);
    expect(bare.metrics['paymentsServed']!).toBeGreaterThan(2 * guarded.metrics['paymentsServed']!);
  });
});
