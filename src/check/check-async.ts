import type { CaseVerdict, ScenarioCase } from '../runner/case-run.js';
import type { RunResult } from '../runner/run-scenario.js';
import type { AnyScenario } from '../scenario/scenario.js';
import type { CheckOptions, CheckOutcome } from './check-outcome.js';
import { checkPlan, checkSpace, withCounterexample } from './check-plan.js';

/** Runs a check's cases elsewhere (sweep/check-pool.ts: on worker threads). */
export interface CaseRunner {
  /** Runs `cases`, giving each verdict to `take` in the cases' order until `take` returns false. */
  runInOrder(cases: readonly ScenarioCase[], take: (v: CaseVerdict) => boolean): Promise<void>;
  /** One case with its whole result, timeline included. */
  full(c: ScenarioCase): Promise<RunResult>;
}

/**
 * runCheck with the runs done by `runner`: the same plan, the same runs
 * counted, the same counterexample and coverage, whatever runs the cases
 * and however many at once, because verdicts are taken in order.
 * `scenario` is this thread's copy, for its fault space only.
 */
export async function runCheckAsync(scenario: AnyScenario, resolved: Record<string, unknown>, o: CheckOptions, runner: CaseRunner): Promise<CheckOutcome> {
  const space = checkSpace(scenario, resolved);
  const plan = checkPlan(scenario, space, o);
  for (let step = plan.next(); ; step = plan.next()) {
    if (step.done === true) {
      const answer = step.value.answer;
      const full = answer === null ? undefined : await runner.full(space.toRun(answer));
      return withCounterexample(step.value, space, () => full!);
    }
    const { cases, take } = step.value;
    await runner.runInOrder(cases.map((c) => space.toRun(c)), take);
  }
}
