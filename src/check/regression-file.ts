import { z } from 'zod';
import { FaultSpecSchema } from '../scenario/fault-spec.js';
import type { Counterexample } from './check-loop.js';

/**
 * A counterexample kept as a regression (`sim check --save FILE`): the run
 * that broke an invariant, and the verdict of every invariant in it. The
 * test suite replays each file in test/regressions/ and asserts those
 * verdicts: a fixed bug stays fixed (flip its "violated" to "holds" when
 * fixing it), and a model change that hides a known failure is noticed.
 * `found` records how and with what digest it was found; the digest is for
 * information, not asserted, so models may change without touching files.
 */
export const RegressionSchema = z.strictObject({
  failsim: z.literal(1),
  type: z.literal('sim-check-counterexample'),
  /** The scenario as given to `sim check`: a built-in id or a module path (relative to the repository). */
  scenario: z.string().min(1),
  seed: z.number().int().nonnegative(),
  /** The `--set` overrides, typed; every other parameter is the scenario's default. */
  params: z.record(z.string(), z.unknown()),
  faults: z.array(FaultSpecSchema),
  /** Each invariant's outcome in this run. */
  expect: z.array(z.strictObject({ invariant: z.string().min(1), outcome: z.enum(['violated', 'holds']) })).min(1),
  found: z.strictObject({ command: z.string(), digest: z.string().regex(/^[0-9a-f]{16}$/) }),
});
export type Regression = z.infer<typeof RegressionSchema>;

/** The regression file of a counterexample. */
export function regressionOf(scenario: string, params: Record<string, unknown>, cx: Counterexample, command: string): Regression {
  return {
    failsim: 1,
    type: 'sim-check-counterexample',
    scenario,
    seed: cx.seed,
    params: { ...params },
    faults: cx.faults.map((f) => ({ ...f })),
    expect: cx.result.invariants.map((i) => ({ invariant: i.name, outcome: i.pass ? 'holds' as const : 'violated' as const })),
    found: { command, digest: cx.result.digest },
  };
}

/** As written: two-space indented, with a final newline. */
export function formatRegression(r: Regression): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
