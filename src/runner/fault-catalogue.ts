import type { ZodType } from 'zod';
import { Simulation } from '../kernel/simulation.js';
import type { AnyScenario } from '../scenario/scenario.js';
import { resolveParams } from '../scenario/settings.js';

/** One fault a scenario accepts: a kind at a target, with its params schema if the model declared one. */
export interface CatalogueEntry {
  readonly target: string;
  readonly kind: string;
  readonly params: ZodType | undefined;
}

/**
 * The faults a scenario accepts with these parameters (defaults for those
 * not given): what its models subscribe to once built. Building is cheap and
 * runs nothing; the targets depend on the parameters (`members=5` adds pods).
 */
export function faultCatalogue(scenario: AnyScenario, params: Record<string, unknown> = {}): CatalogueEntry[] {
  const sim = new Simulation({ seed: 0 });
  scenario.build(sim, resolveParams(scenario.params, params));
  return sim.faults.catalogue().flatMap(({ target, kinds }) => kinds.map((kind) => ({ target, kind, params: sim.faults.paramsOf(target, kind) })));
}
