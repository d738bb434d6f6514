import type { FaultSpec } from '../scenario/fault-spec.js';
import type { Coverage } from './invariant-run.js';
import type { RunResult } from './run-scenario.js';

/** One run of a property-based check: the simulation's seed and the concrete fault schedule. */
export interface ScenarioCase {
  readonly seed: number;
  readonly faults: FaultSpec[];
}

/** What a check's search needs of a run: did every invariant hold, and what did it exercise. */
export interface CaseVerdict {
  readonly holds: boolean;
  readonly coverage: Coverage;
}

export function verdictOf(result: Pick<RunResult, 'invariants' | 'coverage'>): CaseVerdict {
  return { holds: result.invariants.every((i) => i.pass), coverage: result.coverage };
}
