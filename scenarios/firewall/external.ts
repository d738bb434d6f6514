import { createBreaker } from '../../models/breaker/breaker-switch.js';
import { PYBREAKER_DEFAULTS } from '../../models/breaker/consecutive-breaker.js';
import { traceBreaker } from '../../models/breaker/traced-breaker.js';
import { createRetryPolicy } from '../../models/retry/index.js';
import type { ObservableBreaker } from '../../models/breaker/breaker.js';
import { ResilientCaller } from '../../models/resilience/resilient-caller.js';
import type { FirewallShared } from './shared.js';

/**
 * One pod's client of the external API, as seed 004 configures it: a 30 s
 * timeout, a breaker that opens after 5 failures (pybreaker's fail_max 5
 * and 60 s reset, next-models 2.3: the service is Python), 3 attempts with
 * exponential back-off (1 s, 2 s), and cached data as the fallback. The
 * breaker lives in the pod's process, so each pod learns on its own.
 */
export function externalCaller(s: FirewallShared, pod: string): { caller: ResilientCaller; breaker: ObservableBreaker | null } {
  const p = s.params;
  const made = createBreaker(p.breaker, p.breaker === 'consecutive' ? PYBREAKER_DEFAULTS : {}, s.sim.now);
  const breaker = made && traceBreaker(s.sim, `breaker/${pod}`, made);
  breaker?.addListener({ transition: (t) => { if (t.to === 'open') s.counters.breakerOpens++; } });
  const retry = createRetryPolicy(p.retry, { baseMs: 1_000, capMs: 30_000, maxAttempts: p.retry === 'none' ? 1 : 3, capAppliesTo: 'delay' });
  const caller = new ResilientCaller(s.sim, `external/${pod}`, s.external, { retry, breaker }, {
    oneWayMs: 20, oneWaySdMs: 5, connectTimeoutMs: 5_000, readTimeoutMs: p.externalTimeoutMs, deadlineMs: 0, fallback: p.fallback, retryWhenOpen: false,
  });
  caller.completed.add((r) => { if (r.source === 'cache' || r.source === 'default') s.counters.fallbackAnswers++; else if (!r.ok) s.counters.externalFailures++; });
  return { caller, breaker };
}
