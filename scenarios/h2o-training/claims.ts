import type { Claim } from '../../src/scenario/index.js';
import type { H2OTrainingMetrics } from './metrics.js';
import type { H2OTrainingParams } from './params.js';

type H2OClaim = Claim<H2OTrainingParams, H2OTrainingMetrics>;
const SEED = 'seed 000, Scenario D';

export const failsOrPartial: H2OClaim = {
  name: 'training job fails or produces a model from part of the data',
  source: `${SEED}, H2O Behavior`,
  check: (m, p) => ({
    pass: m.jobsFailed > 0 || m.jobOutcome === 1,
    detail: `${m.jobsFailed} job(s) failed; outcome ${m.jobOutcome}, final model on ${(m.dataFraction * 100).toFixed(0)}% of the data (onLostNode=${p.onLostNode})`,
  }),
};

export const retryGivesGoodModel: H2OClaim = {
  name: 'restarting cluster formation and training again gives a model',
  source: `${SEED}, Recovery`,
  check: (m) => ({
    pass: m.jobOutcome === 2 && m.dataFraction === 1,
    detail: m.timeToGoodModelMs < 0
      ? `no good model: outcome ${m.jobOutcome} after ${m.attempts} attempt(s), ${m.restarts} restart(s)`
      : `good model at ${(m.timeToGoodModelMs / 1000).toFixed(1)} s after ${m.attempts} attempt(s), ${m.restarts} restart(s), on a cloud of ${m.cloudSizeMin}-${m.cloudSizeMax} nodes (${m.refusedNodes} refused)`,
  }),
};

export const policyAdmitsH2O: H2OClaim = {
  name: 'the NetworkPolicy lets the H2O traffic through',
  source: `${SEED}, Mitigation`,
  check: (m, p) => ({
    pass: m.deniedFlows === 0,
    detail: p.networkPolicy === 'off'
      ? 'policy off: nothing to deny'
      : `${m.deniedFlows} flow(s) denied${p.clientLabelled ? '' : ' (the Mage client pod lacks app=h2o: its h2o.init() times out)'}`,
  }),
};
