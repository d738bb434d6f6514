import type { RunResult, runScenario } from '../runner/run-scenario.js';
import { toFault } from '../scenario/fault-spec.js';
import type { AnyScenario } from '../scenario/scenario.js';
import type { Regression } from './regression-file.js';

/**
 * Replays a regression and compares each invariant's outcome with the
 * recorded one. Returns the run and a line per difference (none: it holds).
 */
export function replayRegression(reg: Regression, scenario: AnyScenario, run: typeof runScenario): { result: RunResult; differences: string[] } {
  const result = run(scenario, { seed: reg.seed, params: reg.params, faults: reg.faults.map(toFault) });
  const differences: string[] = [];
  for (const e of reg.expect) {
    const got = result.invariants.find((i) => i.name === e.invariant);
    if (got === undefined) differences.push(`invariant "${e.invariant}" is gone from ${scenario.id}`);
    else if ((got.pass ? 'holds' : 'violated') !== e.outcome) differences.push(`"${e.invariant}" ${got.pass ? 'holds' : 'is violated'} (recorded: ${e.outcome}): ${got.detail}`);
  }
  return { result, differences };
}
