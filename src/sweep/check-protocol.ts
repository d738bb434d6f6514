/** Messages between `sim check`'s main thread and its worker threads. */
import type { CaseVerdict } from '../runner/case-run.js';
import type { RunResult } from '../runner/run-scenario.js';
import type { FaultSpec } from '../scenario/fault-spec.js';
import type { ErrorFields } from './worker-error.js';

export interface CheckWorkerInit {
  /** The scenario as typed: a built-in id or a module path (resolved against cwd). */
  readonly ref: string;
  readonly sets: readonly string[];
  readonly cwd: string;
}

/**
 * One run of a check: its seed and faults. `full`: send back the whole
 * RunResult, timeline included (the counterexample); otherwise only the
 * verdict and coverage the search needs.
 */
export type ToCheckWorker = { readonly t: 'run'; readonly id: number; readonly seed: number; readonly faults: readonly FaultSpec[]; readonly full: boolean };

export type FromCheckWorker =
  | { readonly t: 'ready' }
  | ({ readonly t: 'load-error' } & ErrorFields)
  | { readonly t: 'verdict'; readonly id: number; readonly verdict: CaseVerdict }
  | { readonly t: 'result'; readonly id: number; readonly result: RunResult }
  | ({ readonly t: 'run-error'; readonly id: number } & ErrorFields);
