import type { Invariant } from '../../src/scenario/invariant.js';
import type { FeatureCacheView } from './metrics.js';
import type { FeatureCacheParams } from './params.js';

/** Whatever fails, every request gets an answer, a value or an error: none waits for ever (the seed's coalescer can break this). */
export const everyRequestAnswered: Invariant<FeatureCacheParams, FeatureCacheView> = {
  name: 'every request is answered',
  kind: 'always',
  source: 'seed 000, Scenario B: coalescing must not leave a request waiting',
  watch({ world, observed }) {
    return {
      verdict() {
        const waiting = world.issued.count - observed.answered;
        return waiting === 0
          ? { pass: true, detail: `all ${world.issued.count} requests answered` }
          : { pass: false, detail: `${waiting} of ${world.issued.count} requests never answered (${world.api.reduce((t, a) => t + a.hungWaiters, 0)} hung waiters)` };
      },
    };
  },
};
