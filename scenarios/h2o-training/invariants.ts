import { H2O_TIMEOUT_MS } from '../../models/h2o/index.js';
import type { Invariant } from '../../src/scenario/index.js';
import type { H2OTrainingView } from './metrics.js';
import type { H2OTrainingParams } from './params.js';

/**
 * Once the partition heals, the system must end with a model trained on all
 * of the data. Worst case after the heal: the 60 s TIMEOUT, a restart, the
 * formation, and a whole training on a cloud of one node, plus a margin.
 * 'hang' with a partition that never heals, and 'partial', break it.
 */
export const goodModelEventually: Invariant<H2OTrainingParams, H2OTrainingView> = {
  name: 'eventually a good model with all the data',
  kind: 'eventually',
  source: 'seed 000, Scenario D: the recovery block exists to get a model',
  withinMs: (p) => H2O_TIMEOUT_MS + p.restartMs + 10_000 + Math.ceil(1.1 * p.iterations * p.chunks * p.chunkComputeMs),
  watch({ world }) {
    return {
      verdict() {
        const r = world.recovery, job = r.job;
        if (r.state === 'good-model' && job?.dataFraction === 1) return { pass: true, detail: `good model after ${r.attempts} attempt(s)` };
        const what = job === undefined ? 'no job started' : `job attempt ${job.attempt} ${job.state} at iteration ${job.iteration}${job.state === 'partial' ? ` on ${(job.dataFraction * 100).toFixed(0)}% of the data` : ''}`;
        return { pass: false, detail: `no good model: client ${world.client.state}, recovery ${r.state}, ${what}` };
      },
    };
  },
};
