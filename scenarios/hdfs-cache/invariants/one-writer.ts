import type { Invariant } from '../../../src/scenario/index.js';
import type { HdfsCacheView } from '../metrics.js';
import type { HdfsCacheParams } from '../params.js';

/** One process at a time writes the shared cache directory (lock=none breaks it with two readers). */
export const oneWriter: Invariant<HdfsCacheParams, HdfsCacheView> = {
  name: 'one process writes the cache directory at a time',
  kind: 'always',
  source: 'seed 003, section 7: process coordination',
  watch({ world }) {
    return {
      verdict: () => {
        const n = world.incident?.writers.racedWrites ?? 0;
        return n === 0 ? { pass: true, detail: 'no write raced another writer' } : { pass: false, detail: `${n} writes while another process wrote the directory` };
      },
    };
  },
};
