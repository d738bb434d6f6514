import fc from 'fast-check';
import type { FaultKind } from '../scenario/fault-space.js';
import type { FaultGene, Window } from './fault-genes.js';

/** One generated run: the simulation's seed and the fault genes. */
export interface CheckCase {
  readonly seed: number;
  readonly genes: readonly FaultGene[];
}

/** Largest run seed generated: any non-negative integer works, this keeps them short to type. */
const MAX_RUN_SEED = 999_999;

/** fast-check's generator of runs: 1..maxFaults faults in the window, and a seed. Shrinks the faults only. */
export function checkCaseArbitrary(kinds: readonly FaultKind[], window: Window, maxFaults: number): fc.Arbitrary<CheckCase> {
  const most = (f: (k: FaultKind) => number) => Math.max(...kinds.map(f)) - 1;
  const gene = fc.record({
    kind: fc.integer({ min: 0, max: kinds.length - 1 }),
    target: fc.integer({ min: 0, max: most((k) => k.targets.length) }),
    severity: fc.integer({ min: 0, max: most((k) => k.severities.length) }),
    // 1 ms steps: loss can hinge on a crash landing within a few ms of a commit.
    fromEndMs: fc.integer({ min: 0, max: Math.max(0, Math.round(window.toMs - window.fromMs)) }),
  });
  // The seed is not shrunk: a smaller seed is no simpler a run, and keeping it
  // fixed keeps every random stream while faults are removed or moved.
  return fc.record({ seed: fc.noShrink(fc.integer({ min: 0, max: MAX_RUN_SEED })), genes: fc.array(gene, { minLength: 1, maxLength: maxFaults }) });
}
