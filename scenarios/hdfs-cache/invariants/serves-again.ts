import type { Invariant } from '../../../src/scenario/index.js';
import type { HdfsCacheView } from '../metrics.js';
import type { HdfsCacheParams } from '../params.js';

/** Room after the last fault: a full scan (the slowest start-up), a load, an OOM restart and a failover's 60 s, plus 60 s. */
export function servesAgainWithinMs(p: HdfsCacheParams): number {
  return Math.ceil((1000 * p.files) / p.scanFilesPerSec + (1000 * p.files) / p.loadEntriesPerSec) + 10_000 + 60_000 + 60_000;
}

/**
 * Once the faults are over a reader serves again: every start-up ends.
 * A stale lock file, an OOM crash loop or an insert stuck for ever break it.
 */
export const servesAgain: Invariant<HdfsCacheParams, HdfsCacheView> = {
  name: 'a reader serves again after the faults',
  kind: 'eventually',
  source: 'seed 003: every failure has a recovery',
  withinMs: servesAgainWithinMs,
  watch({ world }) {
    return {
      verdict: () => {
        const w = world.incident;
        if (w === null) return { pass: true, detail: 'long-horizon run: judged by availability' };
        const ready = w.readers.filter((r) => r.phase === 'ready');
        if (ready.length > 0) return { pass: true, detail: `${ready.map((r) => r.name).join(', ')} serving` };
        return { pass: false, detail: `no reader serving: ${w.readers.map((r) => `${r.name} ${r.phase}${w.lock?.holder ? ` (lock held by ${w.lock.holder})` : ''}`).join(', ')}` };
      },
    };
  },
};
