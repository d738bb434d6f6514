import type { z } from 'zod';
import type { Simulation } from '../kernel/simulation.js';
import type { TraceRecord } from '../kernel/trace.js';
import { overrideDefaults } from './param-defaults.js';
import type { ParamsSchema, Scenario } from './scenario.js';
import type { Built, ScenarioSpec, SystemSpec, SystemView } from './system-spec.js';

/**
 * A system's scenario as the runner, CLI and TUI know it. The runner calls
 * build (wiring, then observe) at the point where a scenario built its
 * models, so event order, sink order and the digest are a hand-written
 * scenario's. Optional pieces stay absent when the system has none.
 */
export function toScenario<S extends ParamsSchema, W, O, M extends Record<string, number>, R extends TraceRecord>(
  sys: SystemSpec<S, W, O, M, R>,
  s: ScenarioSpec<S, M>,
): Scenario<S, Built<W, O>, M> {
  type P = z.output<S>;
  const view = (b: Built<W, O>, sim: Simulation, params: P): SystemView<W, O, P> => ({ world: b.world, observed: b.observed, sim, params });
  const space = s.faultSpace === undefined ? sys.faultSpace : (s.faultSpace ?? undefined);
  return {
    id: s.id,
    title: s.title,
    source: `${sys.source}, ${s.source}`,
    ...(s.description === undefined ? {} : { description: s.description }),
    ...(s.documented === undefined ? {} : { documented: s.documented }),
    params: s.defaults === undefined ? sys.params : overrideDefaults(sys.params, s.defaults),
    durationMs: (p) => sys.durationMs(p),
    faults: (p) => s.faults(p),
    build(sim, p) {
      const world = sys.build(sim, p);
      return { world, observed: sys.observe(world, sim, p) };
    },
    metrics: (b, sim, p) => sys.metrics(view(b, sim, p)),
    metricInfo: sys.metricInfo,
    claims: s.claims,
    ...(sys.timeline ? { timeline: (rec: TraceRecord) => sys.timeline!(rec as R) } : {}),
    ...(sys.notes ? { notes: (p: P) => sys.notes!(p) } : {}),
    ...(sys.invariants ? { invariants: sys.invariants.map((inv) => ({ ...inv, watch: (b: Built<W, O>, sim: Simulation, p: P) => inv.watch(view(b, sim, p), sim, p) })) } : {}),
    ...(space ? { faultSpace: space } : {}),
    ...(sys.sometimes ? { sometimes: sys.sometimes } : {}),
    ...(sys.panes ? { inspect: (b: Built<W, O>, sim: Simulation, p: P) => sys.panes!(view(b, sim, p)) } : {}),
    ...(sys.series ? { series: (b: Built<W, O>, sim: Simulation, p: P) => sys.series!(view(b, sim, p)) } : {}),
  };
}
