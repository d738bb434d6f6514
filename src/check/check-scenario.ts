import type fc from 'fast-check';
import { replayCommand } from '../report/replay.js';
import { runScenario } from '../runner/run-scenario.js';
import type { FaultSpace } from '../scenario/fault-space.js';
import type { FaultSpec } from '../scenario/fault-spec.js';
import type { AnyScenario } from '../scenario/scenario.js';
import { BadInput, resolveParams } from '../scenario/settings.js';
import { checkCaseArbitrary } from './check-case.js';
import { runCheck, type Counterexample } from './check-loop.js';
import { decodeGenes } from './fault-genes.js';
import { checkReport } from './format-check.js';

/** One generated run: the simulation's seed and its fault schedule, as a faults file holds it. */
export interface ScenarioRun {
  readonly seed: number;
  readonly faults: FaultSpec[];
}

export interface CheckScenarioOptions {
  /** Runs to search (default 100); shrinking a failure adds runs of its own. */
  readonly runs?: number;
  /** fast-check's seed (default 1): a test finds the same runs every time. */
  readonly seed?: number;
  /** Most faults in one schedule (default: the fault space's). */
  readonly maxFaults?: number;
  /** Most runs spent shrinking a failure (default: `sim check`'s budget). */
  readonly maxShrinkRuns?: number;
  /** Parameter overrides, as `--set` would give them. */
  readonly params?: Record<string, unknown>;
  /** How the replay command names the scenario: its module path or built-in id (default: its id). */
  readonly ref?: string;
}

/** A schedule broke an invariant: the message is `sim check`'s report of the shrunk schedule, with its replay command. */
export class CheckFailed extends Error {
  override name = 'CheckFailed';
  constructor(message: string, readonly counterexample: Counterexample) {
    super(message);
  }
}

function faultSpaceOf(scenario: AnyScenario): FaultSpace {
  if (scenario.faultSpace === undefined) throw new BadInput(`scenario "${scenario.id}" declares no fault space`);
  return scenario.faultSpace;
}

/**
 * fast-check's arbitrary of runs of `scenario`: a seed and 1..maxFaults
 * faults from its fault space, shrinking toward fewer, later, milder faults
 * (the seed does not shrink). For a property of your own: `fc.assert(fc.property(arb, ...))`.
 */
export function faultScheduleArbitrary(scenario: AnyScenario, params: Record<string, unknown> = {}, maxFaults?: number): fc.Arbitrary<ScenarioRun> {
  const space = faultSpaceOf(scenario);
  const resolved = resolveParams(scenario.params, params) as Record<string, unknown>;
  const kinds = space.kinds(resolved);
  const window = space.window(resolved);
  return checkCaseArbitrary(kinds, window, maxFaults ?? space.maxFaults).map((c) => ({ seed: c.seed, faults: decodeGenes(kinds, window, c.genes).faults }));
}

/**
 * `sim check` inside a test runner (vitest, jest): searches the scenario's
 * fault space for a run that breaks one of its invariants, shrinks it, and
 * throws CheckFailed with the shrunk schedule and the command that replays
 * it, as `fc.assert` throws its counterexample. Returns when none is found.
 */
export function checkScenario(scenario: AnyScenario, options: CheckScenarioOptions = {}): void {
  const space = faultSpaceOf(scenario);
  if ((scenario.invariants ?? []).length === 0) throw new BadInput(`scenario "${scenario.id}" declares no invariants to check`);
  const params = options.params ?? {};
  const runs = options.runs ?? 100;
  const seed = options.seed ?? 1;
  const outcome = runCheck(scenario, runScenario, resolveParams(scenario.params, params) as Record<string, unknown>, {
    runs, seed, params, maxFaults: options.maxFaults ?? space.maxFaults,
    ...(options.maxShrinkRuns === undefined ? {} : { maxShrinkRuns: options.maxShrinkRuns }),
  });
  const cx = outcome.counterexample;
  if (cx === null) return;
  const ref = options.ref ?? scenario.id;
  const faultsFile = 'faults.json';
  const defaults = resolveParams(scenario.params, {}) as Record<string, unknown>;
  const replay = replayCommand({ scenario: ref, seed: cx.seed, params: cx.result.params, defaults, faultsFile });
  const report = checkReport({ scenario: ref, outcome, runsAsked: runs, seed, params, replay, invariants: scenario.invariants ?? [] });
  const schedule = `${faultsFile} (the shrunk schedule, for the replay):\n${JSON.stringify({ faults: cx.faults }, null, 2)}`;
  throw new CheckFailed(`${report}\n${schedule}\n`, cx);
}
