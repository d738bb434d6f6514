import type { Invariant } from '../../../src/scenario/invariant.js';
import { formatTime, US_PER_S } from '../../../src/scenario/index.js';
import type { FirewallParams } from '../params.js';
import type { FirewallView } from '../metrics.js';

/**
 * Time the fleet gets after the last fault: the seed's 30 s reconnect cap,
 * three readiness periods, a restart under CrashLoopBackOff and the
 * external API breaker's 60 s open state.
 */
const RECOVER_MS = 150_000;
const QUIET_US = 15 * US_PER_S;

/**
 * Once the faults are over the API serves again by itself: no pod left out
 * of the Service, no breaker stuck open, no retry storm keeping the fleet
 * down. Judged on legitimate traffic: no bad request in the last 15 s.
 */
export const servesAgain: Invariant<FirewallParams, FirewallView> = {
  name: 'the API serves legitimate clients again after the faults',
  kind: 'eventually',
  source: 'seed 004: automated recovery (retries, restarts, breaker half-open)',
  withinMs: () => RECOVER_MS,
  settleFromMs: (p) => p.faultAtMs,
  watch({ observed }, sim) {
    return {
      verdict() {
        const last = observed.lastBadAt;
        if (last > sim.now - QUIET_US) return { pass: false, detail: `a legitimate request failed at ${formatTime(last)}`, atMs: last / 1000 };
        return { pass: true, detail: 'no legitimate request failed in the last 15 s' };
      },
    };
  },
};
