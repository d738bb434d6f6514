import type { Invariant } from '../../../src/scenario/invariant.js';
import { validationSummary } from '../../../models/validation/index.js';
import type { PatternsParams } from '../params.js';
import type { PatternsView } from '../view.js';

/**
 * Seed 001's layer 4, as a promise: every corrupt row that got past the
 * write path is found by the reconciliation job within one interval and
 * one scan of being written (a row written while a scan runs waits for the
 * next). Checked at the end of the run; other topologies have no rows.
 */
export const corruptionFound: Invariant<PatternsParams, PatternsView> = {
  name: 'every corrupt row is found within one reconciliation interval and scan',
  kind: 'always',
  source: 'seed 001, Data Corruption: Layer 4, reconciliation jobs',
  watch({ world }, sim, p) {
    return {
      verdict() {
        const store = world.data?.store;
        if (!store) return { pass: true, detail: 'no stored rows in this topology' };
        const s = validationSummary(store, sim.now);
        const limitMs = p.reconcileIntervalMs + p.reconcileScanMs;
        if (s.undetectable > 0) return { pass: false, detail: `${s.undetectable} of ${s.persistedCorrupt} corrupt rows can never be found by the enabled checks` };
        const oldest = s.oldestUndetectedAgeMs ?? 0, slowest = s.detectionDelayMs?.max ?? 0;
        if (Math.max(oldest, slowest) > limitMs) return { pass: false, detail: `a corrupt row went ${(Math.max(oldest, slowest) / 60_000).toFixed(1)} min undetected (limit ${(limitMs / 60_000).toFixed(1)} min)` };
        return { pass: true, detail: `${s.detected} of ${s.persistedCorrupt} corrupt rows found, the slowest after ${(slowest / 60_000).toFixed(1)} min` };
      },
    };
  },
};
