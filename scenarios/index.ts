import type { AnyScenario } from '../src/scenario/scenario.js';
import { scenarioA } from './scenario-a.js';
import { fluxScenarios } from './flux/index.js';

/** Every built-in scenario, in the order `sim list` shows them. */
export const scenarios: readonly AnyScenario[] = [scenarioA, ...fluxScenarios];

export function findScenario(id: string): AnyScenario | undefined {
  return scenarios.find((s) => s.id === id);
}
