import type { Invariant } from '../../../src/scenario/invariant.js';
import { latencyBoundMs } from '../claims.js';
import type { PatternsParams } from '../params.js';
import type { PatternsView } from '../view.js';

/** Whatever fails, the timeouts (and the deadline) bound every call: no client waits for ever. */
export const callsBounded: Invariant<PatternsParams, PatternsView> = {
  name: 'no call outlasts its timeouts',
  kind: 'always',
  source: 'seed 001: set explicit timeouts on all HTTP clients',
  watch({ observed }, _sim, p) {
    return {
      verdict() {
        if (p.topology === 'pool') return { pass: true, detail: 'not judged: the API sets no statement timeout, so only the pool\'s checkout timeout bounds a request' };
        const bound = latencyBoundMs(p);
        let worst = 0;
        for (const o of observed.outcomes.values()) if (o.calls > 0) worst = Math.max(worst, o.latencyPercentile(100) / 1000);
        return worst <= bound
          ? { pass: true, detail: `longest call ${worst.toFixed(0)} ms, bound ${bound} ms` }
          : { pass: false, detail: `a call took ${worst.toFixed(0)} ms, more than the ${bound} ms its timeouts allow` };
      },
    };
  },
};
