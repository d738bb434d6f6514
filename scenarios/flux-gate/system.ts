import { defineSystem, recordsOf } from '../../src/scenario/system.js';
import { buildFluxSystem } from '../../models/flux/flux-system.js';
import { acceptedOrdersKept } from './invariants/accepted-orders-kept.js';
import { lagDrains } from './invariants/lag-drains.js';
import { notOversold } from './invariants/not-oversold.js';
import { ordersProcessedAtLeastOnce } from './invariants/orders-processed.js';
import { FLUX_METRIC_INFO } from './metric-info.js';
import { fluxMetrics } from './metrics.js';
import { observeFlux } from './observers/observe.js';
import { fluxOptions } from './options.js';
import { fluxPanes, fluxSeries } from './panes.js';
import { fluxParams } from './params.js';
import { fluxSometimes } from './sometimes.js';
import type { FluxGateRecord } from './records.js';
import { describeFlux } from './timeline.js';

/**
 * Flux-Gate's flash-sale pipeline, shared by one scenario per failure of its
 * document. It has no fault space of its own: a scenario names the faults
 * `sim check` may try on its failure, or has none.
 */
export const fluxGate = defineSystem({
  id: 'flux-gate',
  source: 'seeds/002_c52631de9649282e.txt (Flux-Gate failure modes)',
  params: fluxParams,
  records: recordsOf<FluxGateRecord>(),
  durationMs: (p) => p.durationMs,
  build: (sim, p) => buildFluxSystem(sim, fluxOptions(p)),
  observe: (system, sim) => observeFlux(system, sim),
  metrics: fluxMetrics,
  metricInfo: FLUX_METRIC_INFO,
  timeline: describeFlux,
  // What every flux scenario must keep, whatever fails.
  invariants: [acceptedOrdersKept, notOversold, ordersProcessedAtLeastOnce, lagDrains],
  sometimes: fluxSometimes,
  panes: (v) => fluxPanes(v.world),
  series: (v) => fluxSeries(v.world),
});
