import { US_PER_MS, formatTime } from '../../../src/scenario/index.js';
import type { Invariant } from '../../../src/scenario/invariant.js';
import type { PatroniParams } from '../params.js';
import type { PatroniView } from '../view.js';

/** Election safety as an invariant, from the SingleWritablePrimary sink the scenario already runs. */
export const neverTwoWritablePrimaries: Invariant<PatroniParams, PatroniView> = {
  name: 'never two writable primaries',
  kind: 'always',
  source: 'Patroni: one leader key, one primary',
  watch({ observed: { safety: s } }) {
    return {
      verdict() {
        const v = s.firstViolation;
        if (v === null) return { pass: true, detail: `at most ${s.maxSeen} writable primary at any time` };
        return { pass: false, detail: `${v.primaries.join(' and ')} both writable at ${formatTime(v.t)} (${s.violations} trace records with more than one)`, atMs: v.t / US_PER_MS };
      },
    };
  },
};
