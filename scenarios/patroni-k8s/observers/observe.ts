import type { Simulation } from '../../../src/scenario/index.js';
import type { PatroniCluster } from '../../../models/patroni/cluster.js';
import { FailoverPhases } from './failover-phases.js';
import { RequestTally } from './request-tally.js';
import { SingleWritablePrimary } from './single-writable-primary.js';

/** What Scenario A's observers measured. */
export interface PatroniObserved {
  readonly phases: FailoverPhases;
  readonly safety: SingleWritablePrimary;
  readonly tally: RequestTally;
}

/** The cluster's measurement, set up right after the models and before any fault; the sinks read the trace in this order. */
export function observePatroni(cluster: PatroniCluster, sim: Simulation): PatroniObserved {
  const phases = new FailoverPhases('postgres-primary');
  const safety = new SingleWritablePrimary(cluster);
  sim.trace.addSink(phases);
  sim.trace.addSink(safety);
  return { phases, safety, tally: new RequestTally(sim, cluster.workload) };
}
