import fc from 'fast-check';
import type { RunResult, runScenario } from '../runner/run-scenario.js';
import type { InvariantResult } from '../runner/invariant-run.js';
import { toFault, type FaultSpec } from '../scenario/fault-spec.js';
import type { AnyScenario } from '../scenario/scenario.js';
import { checkCaseArbitrary, type CheckCase } from './check-case.js';
import { CoverageTally } from './coverage-tally.js';
import { decodeGenes, type Window } from './fault-genes.js';

export interface CheckOptions {
  /** Runs to search (fast-check's numRuns); shrinking adds runs of its own. */
  readonly runs: number;
  /** fast-check's seed: the same seed, the same runs and the same answer. */
  readonly seed: number;
  readonly maxFaults: number;
  /** Most runs spent shrinking (default SHRINK_RUN_BUDGET); the smallest failure found by then is the answer. */
  readonly maxShrinkRuns?: number;
  /** Parameter overrides (typed, as parseSettings gives them). */
  readonly params: Record<string, unknown>;
  /** Called after every run: `search` while looking, `shrink` after a failure. */
  readonly onRun?: (phase: 'search' | 'shrink') => void;
}

export interface Counterexample {
  readonly seed: number;
  /** Generated faults (a partition and its heal count as one). */
  readonly size: number;
  /** The concrete schedule, as a faults file holds it. */
  readonly faults: FaultSpec[];
  readonly result: RunResult;
  readonly violated: InvariantResult[];
}

export interface CheckOutcome {
  /** Runs done while searching (up to and including the first failure). */
  readonly runs: number;
  /** Runs done while shrinking, and how many of them made the case smaller. */
  readonly shrinkRuns: number;
  readonly shrinks: number;
  /** Shrinking stopped at its run budget: a smaller counterexample may exist. */
  readonly shrinkBudgetReached: boolean;
  /** The smallest failing run found, or null. */
  readonly counterexample: Counterexample | null;
  /** The first failing run, before shrinking. */
  readonly firstFailure: { readonly seed: number; readonly size: number; readonly faults: FaultSpec[] } | null;
  readonly coverage: CoverageTally;
  readonly window: Window;
  readonly maxFaults: number;
}

type Runner = typeof runScenario;

/**
 * Shrinking runs allowed by default. fast-check shrinks until no smaller
 * case fails, which on a narrow time window can take hundreds of runs of
 * tiny steps; past this budget it gets "passes" without running, which
 * ends its search with the smallest failure seen.
 */
export const SHRINK_RUN_BUDGET = 200;

/**
 * The property-based search: fast-check draws fault schedules and seeds
 * from the scenario's fault space, each is run and its invariants checked,
 * and the first run that breaks one is shrunk toward fewer, later, milder
 * faults. The answer is re-run once more, so the result returned is exactly
 * what `sim run` with its seed and faults prints.
 */
export function runCheck(scenario: AnyScenario, run: Runner, resolved: Record<string, unknown>, o: CheckOptions): CheckOutcome {
  const space = scenario.faultSpace;
  if (space === undefined) throw new Error(`scenario ${scenario.id} declares no fault space`);
  const kinds = space.kinds(resolved);
  const window = space.window(resolved);
  const coverage = new CoverageTally(kinds.map((k) => k.name), (scenario.sometimes ?? []).map((s) => s.name));
  let failed = false;
  let searchRuns = 0;
  let shrinkRuns = 0;
  let firstFailure: CheckOutcome['firstFailure'] = null;
  const shrinkBudget = o.maxShrinkRuns ?? SHRINK_RUN_BUDGET;

  const runCase = (c: CheckCase) => {
    const { faults, drawn } = decodeGenes(kinds, window, c.genes);
    return { faults, drawn, result: run(scenario, { seed: c.seed, params: o.params, faults: faults.map(toFault) }) };
  };
  // A run that throws (a fault space naming a target the models lack, a
  // model bug) is not a counterexample: stop trying and rethrow it after.
  let thrown: { error: unknown } | null = null;
  const property = fc.property(checkCaseArbitrary(kinds, window, o.maxFaults), (c) => {
    if (thrown !== null) return true;
    if (failed && shrinkRuns >= shrinkBudget) return true;
    let attempt: ReturnType<typeof runCase>;
    try {
      attempt = runCase(c);
    } catch (error) {
      thrown = { error };
      return true;
    }
    const { faults, drawn, result } = attempt;
    const ok = result.invariants.every((i) => i.pass);
    if (failed) {
      shrinkRuns++;
      o.onRun?.('shrink');
    } else {
      searchRuns++;
      coverage.add(result, drawn);
      if (!ok) { failed = true; firstFailure = { seed: c.seed, size: c.genes.length, faults }; }
      o.onRun?.('search');
    }
    return ok;
  });
  const details = fc.check(property, { numRuns: o.runs, seed: o.seed });
  if (thrown !== null) throw (thrown as { error: unknown }).error;

  // fast-check removes faults from a list in chunks and can stop at a local
  // minimum where one of several faults alone would do: try each alone.
  const aloneIfEnough = (c: CheckCase): CheckCase => {
    if (c.genes.length < 2) return c;
    for (const gene of c.genes) {
      const alone = { seed: c.seed, genes: [gene] };
      shrinkRuns++;
      o.onRun?.('shrink');
      if (!runCase(alone).result.invariants.every((i) => i.pass)) return alone;
    }
    return c;
  };
  let counterexample: Counterexample | null = null;
  if (details.counterexample !== null) {
    const c = aloneIfEnough(details.counterexample[0]);
    const { faults, result } = runCase(c);
    counterexample = { seed: c.seed, size: c.genes.length, faults, result, violated: result.invariants.filter((i) => !i.pass) };
  }
  return { runs: searchRuns, shrinkRuns, shrinks: details.numShrinks, shrinkBudgetReached: failed && shrinkRuns >= shrinkBudget, counterexample, firstFailure, coverage, window, maxFaults: o.maxFaults };
}
