import type { SystemView } from '../../src/scenario/system.js';
import type { PatroniCluster } from '../../models/patroni/cluster.js';
import type { PatroniObserved } from './observers/observe.js';
import type { PatroniParams } from './params.js';

/** What the Patroni cluster's metrics, panes and invariants read: the models, the observers, the run. */
export type PatroniView = SystemView<PatroniCluster, PatroniObserved, PatroniParams>;
