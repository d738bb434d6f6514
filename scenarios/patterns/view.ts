import type { SystemView } from '../../src/scenario/index.js';
import type { PatternsObserved } from './observers/observe.js';
import type { PatternsParams } from './params.js';
import type { PatternsWorld } from './world.js';

/** What the patterns system's metrics, panes and invariants see. */
export type PatternsView = SystemView<PatternsWorld, PatternsObserved, PatternsParams>;
