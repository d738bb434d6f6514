import type { SystemView } from '../../src/scenario/system.js';
import type { FluxSystem } from '../../models/flux/flux-system.js';
import type { FluxObserved } from './observers/observe.js';
import type { FluxParams } from './params.js';

/** What Flux-Gate's metrics, panes and invariants read: the models, the observers, the run. */
export type FluxView = SystemView<FluxSystem, FluxObserved, FluxParams>;
