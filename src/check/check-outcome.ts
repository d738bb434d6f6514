import type { RunResult } from '../runner/run-scenario.js';
import type { InvariantResult } from '../runner/invariant-run.js';
import type { FaultSpec } from '../scenario/fault-spec.js';
import type { CoverageTally } from './coverage-tally.js';
import type { Window } from './fault-genes.js';

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
