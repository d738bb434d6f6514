import type { Claim } from '../../src/scenario/index.js';
import type { FeatureCacheMetrics } from './metrics.js';
import type { FeatureCacheParams } from './params.js';

type FeatureClaim = Claim<FeatureCacheParams, FeatureCacheMetrics>;
const SEED = 'seed 000, Scenario B, Risk Analysis (With Mitigation)';

export const singleComputation: FeatureClaim = {
  name: 'a single request computes',
  source: SEED,
  check: (m, p) => ({
    pass: m.computations === 1,
    detail: `${m.computations} computations for ${p.burstRequests} concurrent requests (mitigation=${p.mitigation}${p.mitigation === 'coalesce' ? `, ${p.coalesceScope}, ${p.processes} processes` : ''})`,
  }),
};

export const p99Under50: FeatureClaim = {
  name: 'p99 remains under 50 ms',
  source: SEED,
  check: (m) => ({
    pass: m.latencyP99Ms < 50 && m.failedRequests === 0,
    detail: `p99 ${m.latencyP99Ms.toFixed(1)} ms, p50 ${m.latencyP50Ms.toFixed(1)} ms over the requests answered with a value; ${m.failedRequests} failed, ${m.unanswered} never answered`,
  }),
};

export const controlledLoad: FeatureClaim = {
  name: 'controlled load: no CPU spike past the cores, no OOM kill',
  source: SEED,
  check: (m, p) => ({
    pass: m.oomKills === 0 && m.peakComputationsInFlight <= p.cores,
    detail: `at most ${m.peakComputationsInFlight} computations in flight on ${p.cores} cores; ${m.oomKills} OOM kill(s), peak memory ${(m.peakModelMemoryBytes / 1_073_741_824).toFixed(1)} GiB`,
  }),
};
