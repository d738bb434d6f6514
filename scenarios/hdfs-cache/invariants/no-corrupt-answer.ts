import type { Invariant } from '../../../src/scenario/index.js';
import type { HdfsCacheView } from '../metrics.js';
import type { HdfsCacheParams } from '../params.js';

/** No query is answered from a cache entry whose bytes no longer match what was written (checksums=none breaks it). */
export const noCorruptAnswer: Invariant<HdfsCacheParams, HdfsCacheView> = {
  name: 'no answer comes from a corrupt cache entry',
  kind: 'always',
  source: 'seed 003, section 6: checksum validation',
  watch({ observed }) {
    return {
      verdict: () => {
        const n = observed?.answers.corruptServed ?? 0;
        return n === 0 ? { pass: true, detail: 'every cached answer matched its data' } : { pass: false, detail: `${n} answers came from corrupt entries` };
      },
    };
  },
};
