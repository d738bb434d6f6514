import type { runScenario } from '../runner/run-scenario.js';
import { verdictOf, type ScenarioCase } from '../runner/case-run.js';
import { toFault } from '../scenario/fault-spec.js';
import type { AnyScenario } from '../scenario/scenario.js';
import type { CheckOptions, CheckOutcome } from './check-outcome.js';
import { checkPlan, checkSpace, withCounterexample } from './check-plan.js';

export type { CheckOptions, CheckOutcome, Counterexample } from './check-outcome.js';

/**
 * The property-based search on this thread (see checkPlan): fast-check
 * draws fault schedules and seeds from the scenario's fault space, each is
 * run and its invariants checked, and the first run that breaks one is
 * shrunk toward fewer, later, milder faults. The answer is re-run once
 * more, so the result returned is exactly what `sim run` with its seed and
 * faults prints. runCheckAsync gives the same outcome from worker threads.
 */
export function runCheck(scenario: AnyScenario, run: typeof runScenario, resolved: Record<string, unknown>, o: CheckOptions): CheckOutcome {
  const space = checkSpace(scenario, resolved);
  const runCase = (c: ScenarioCase, timeline: boolean) => run(scenario, { seed: c.seed, params: o.params, faults: c.faults.map(toFault), timeline });
  const plan = checkPlan(scenario, space, o);
  // A run that throws (a fault space naming a target the models lack, a model bug) is not a counterexample: it ends the check.
  for (let step = plan.next(); ; step = plan.next()) {
    if (step.done === true) return withCounterexample(step.value, space, (c) => runCase(c, true));
    const { cases, take } = step.value;
    for (const c of cases) if (!take(verdictOf(runCase(space.toRun(c), false)))) break;
  }
}
