import { failsOrPartial, policyAdmitsH2O, retryGivesGoodModel } from './claims.js';
import { h2oTraining, partitionFaults } from './system.js';

export const scenarioD = h2oTraining.scenario({
  id: 'scenario-d',
  title: 'H2O cluster partition: a network partition separates H2O nodes during training',
  source: 'Scenario D: H2O Cluster Partition',
  description: 'Three H2O pods train 3 chunks x 100 passes; at 30.5 s the last pod is cut off for 120 s. --set onLostNode=fail|hang|partial; isolate=one-node|half; healAfterMs=0 never heals; networkPolicy=on (clientLabelled=true lets the Mage pod through).',
  faults: (p) => partitionFaults(p, p.isolate, p.partitionAtMs, p.healAfterMs),
  claims: [failsOrPartial, retryGivesGoodModel, policyAdmitsH2O],
});
export default scenarioD;
