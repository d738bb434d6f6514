import { RandomStream } from '../kernel/rng.js';
import type { RunRecord } from '../records/run-record.js';

/**
 * The random stream one metric's interval resamples from: named after the
 * metric and derived from the sweep's base seed (run i has seed base + i),
 * like every stream of a run. Nothing else feeds it, so the same runs give
 * the same interval however they were sharded or merged, and choosing other
 * metrics (`--metric`) leaves this one's interval as it was.
 */
export function resampleStream(sorted: readonly RunRecord[], purpose: 'sweep' | 'paired', metric: string): RandomStream {
  const first = sorted[0];
  if (first === undefined) throw new Error('resampleStream: no runs');
  return new RandomStream(first.seed - first.index, `stats/${purpose}-ci95/${metric}`);
}
