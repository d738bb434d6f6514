import type { CaseVerdict, ScenarioCase } from '../runner/case-run.js';
import type { RunResult } from '../runner/run-scenario.js';
import type { FaultKind } from '../scenario/fault-space.js';
import type { FaultSpec } from '../scenario/fault-spec.js';
import type { AnyScenario } from '../scenario/scenario.js';
import { checkCaseArbitrary, type CheckCase } from './check-case.js';
import type { CheckOptions, CheckOutcome } from './check-outcome.js';
import { CoverageTally } from './coverage-tally.js';
import { decodeGenes, type DrawnFault, type Window } from './fault-genes.js';
import { request, shrinkSearch, type RunRequest } from './shrink-search.js';

/**
 * Shrinking runs allowed by default. fast-check shrinks until no smaller
 * case fails, which on a narrow time window can take hundreds of runs of
 * tiny steps; past this budget the search ends with the smallest failure seen.
 */
export const SHRINK_RUN_BUDGET = 200;

/** The scenario's fault space at the check's parameters, and how a generated case becomes a run. */
export interface CheckSpace {
  readonly kinds: readonly FaultKind[];
  readonly window: Window;
  decode(c: CheckCase): { faults: FaultSpec[]; drawn: DrawnFault[] };
  toRun(c: CheckCase): ScenarioCase;
}

export function checkSpace(scenario: AnyScenario, resolved: Record<string, unknown>): CheckSpace {
  const space = scenario.faultSpace;
  if (space === undefined) throw new Error(`scenario ${scenario.id} declares no fault space`);
  const kinds = space.kinds(resolved);
  const window = space.window(resolved);
  const decode = (c: CheckCase) => decodeGenes(kinds, window, c.genes);
  return { kinds, window, decode, toRun: (c) => ({ seed: c.seed, faults: decode(c).faults }) };
}

/** A check's outcome before the counterexample's full run: the case to run for it. */
export type PlannedCheck = Omit<CheckOutcome, 'counterexample'> & { readonly answer: CheckCase | null };

/**
 * The property-based search as a sequence of run requests (see
 * shrink-search.ts), so that one plan serves a single thread (runCheck)
 * and worker threads (runCheckAsync) and gives both the same answer:
 * fast-check draws fault schedules and seeds from the fault space, the
 * first run that breaks an invariant is shrunk toward fewer, later, milder
 * faults, and then each of its faults is tried alone.
 */
export function* checkPlan(scenario: AnyScenario, space: CheckSpace, o: CheckOptions): Generator<RunRequest<CheckCase, CaseVerdict>, PlannedCheck, void> {
  const coverage = new CoverageTally(space.kinds.map((k) => k.name), (scenario.sometimes ?? []).map((s) => s.name));
  const shrinkBudget = o.maxShrinkRuns ?? SHRINK_RUN_BUDGET;
  const found = yield* shrinkSearch<CheckCase, CaseVerdict>(checkCaseArbitrary(space.kinds, space.window, o.maxFaults), {
    runs: o.runs,
    seed: o.seed,
    shrinkBudget,
    holds: (v) => v.holds,
    onRun: (phase, c, v) => {
      if (phase === 'search') coverage.add(v, space.decode(c).drawn);
      o.onRun?.(phase);
    },
  });
  let shrinkRuns = found.shrinkRuns;
  let answer = found.smallest;
  if (answer !== null && answer.genes.length >= 2) {
    // fast-check removes faults from a list in chunks and can stop at a local
    // minimum where one of several faults alone would do: try each alone.
    const { seed } = answer;
    const alone: { found: CheckCase | null } = { found: null };
    yield request<CheckCase, CaseVerdict>('shrink', answer.genes.map((gene) => ({ seed, genes: [gene] })), (c, v) => {
      shrinkRuns++;
      o.onRun?.('shrink');
      if (v.holds) return true;
      alone.found = c;
      return false;
    });
    if (alone.found !== null) answer = alone.found;
  }
  const first = found.first;
  return {
    runs: found.runs,
    shrinkRuns,
    shrinks: found.shrinks,
    shrinkBudgetReached: first !== null && shrinkRuns >= shrinkBudget,
    firstFailure: first === null ? null : { seed: first.seed, size: first.genes.length, faults: space.decode(first).faults },
    coverage,
    window: space.window,
    maxFaults: o.maxFaults,
    answer,
  };
}

/** The outcome with its counterexample: the answer's case run once more, in full (timeline included). */
export function withCounterexample(planned: PlannedCheck, space: CheckSpace, runFull: (c: ScenarioCase) => RunResult): CheckOutcome {
  const { answer, ...outcome } = planned;
  if (answer === null) return { ...outcome, counterexample: null };
  const c = space.toRun(answer);
  const result = runFull(c);
  return { ...outcome, counterexample: { seed: c.seed, size: answer.genes.length, faults: c.faults, result, violated: result.invariants.filter((i) => !i.pass) } };
}
