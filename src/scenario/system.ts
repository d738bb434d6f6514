import type { TraceRecord } from '../kernel/trace.js';
import type { ParamsSchema } from './scenario.js';
import type { System, SystemSpec } from './system-spec.js';
import { toScenario } from './system-scenario.js';

export { recordsOf, type Built, type RecordTypes, type ScenarioSpec, type System, type SystemSpec, type SystemView } from './system-spec.js';

/** A system whose scenarios are a few lines each: `system.scenario({ id, title, source, faults, claims })`. */
export function defineSystem<S extends ParamsSchema, W, O, M extends Record<string, number>, R extends TraceRecord = TraceRecord>(
  spec: SystemSpec<S, W, O, M, R>,
): System<S, W, O, M, R> {
  return { spec, scenario: (s) => toScenario(spec, s) };
}
