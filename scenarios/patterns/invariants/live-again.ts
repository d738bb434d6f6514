import type { Invariant } from '../../../src/scenario/invariant.js';
import { formatTime, US_PER_S } from '../../../src/scenario/index.js';
import type { PatternsParams } from '../params.js';
import type { PatternsView } from '../view.js';

/** How long the callers get after the last fault: the longest shipped open state (60 s) and a few retries. */
const RECOVER_MS = 90_000;
const QUIET_US = 5 * US_PER_S;

/**
 * Once the dependencies are healthy again, the callers get live answers
 * again: no breaker stays open, no retry storm keeps a recovered service
 * down. Judged on the steady traffic: no call in the last 5 s ended without
 * a live answer.
 */
export const liveAgain: Invariant<PatternsParams, PatternsView> = {
  name: 'callers get live answers again after the faults',
  kind: 'eventually',
  source: 'seed 001: the breaker closes once the dependency recovers',
  withinMs: () => RECOVER_MS,
  watch({ observed }, sim, p) {
    return {
      verdict() {
        if (p.ratePerS === 0 || observed.outcomes.size === 0) return { pass: true, detail: 'no steady calls to judge' };
        const now = sim.now;
        for (const [name, o] of observed.outcomes) {
          if (o.lastNotLiveAt > now - QUIET_US) return { pass: false, detail: `${name}: a call ended without a live answer at ${formatTime(o.lastNotLiveAt)}` };
          if (o.calls > 0 && o.lastLiveAt <= now - QUIET_US) return { pass: false, detail: `${name}: no live answer since ${formatTime(o.lastLiveAt)}` };
        }
        return { pass: true, detail: 'every call of the last 5 s was answered live' };
      },
    };
  },
};
