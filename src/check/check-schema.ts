import { z } from 'zod';
import { FaultJsonSchema, InvariantJsonSchema } from '../report/json-schema.js';

/** How often something happened over the check's search runs. */
const ShareSchema = z.strictObject({
  name: z.string(),
  /** Search runs in which it happened (of `coverage.runs`). */
  runs: z.number().int().nonnegative(),
});

/**
 * The `sim check --json` document, format version 1, under the same
 * stability rule as `sim run --json`. Deterministic: the same command gives
 * the same bytes (wall-clock figures only ever go to stderr).
 */
export const CheckReportSchema = z.strictObject({
  /** Format version of this document. */
  failsim: z.literal(1),
  /** The scenario as given on the command line (an id or a path). */
  scenario: z.string(),
  /** fast-check's seed (--seed). */
  seed: z.number().int().nonnegative(),
  /** The --set overrides, typed; defaults are not repeated. */
  params: z.record(z.string(), z.unknown()),
  /** Runs asked for (--runs) and search runs done (fewer when a counterexample stopped the search). */
  runsAsked: z.number().int().positive(),
  runs: z.number().int().nonnegative(),
  /** Faults per generated schedule, and the window in which they start (ms of virtual time). */
  maxFaults: z.number().int().positive(),
  window: z.strictObject({ fromMs: z.number().nonnegative(), toMs: z.number().nonnegative() }),
  /** The invariants checked. */
  invariants: z.array(z.strictObject({ name: z.string(), kind: z.enum(['always', 'eventually']) })),
  /** True when no counterexample was found (exit code 0). */
  ok: z.boolean(),
  /** Fault kinds that fired and `sometimes` paths reached, counted over the search runs. */
  coverage: z.strictObject({
    runs: z.number().int().nonnegative(),
    faultKinds: z.array(ShareSchema),
    paths: z.array(ShareSchema),
    /** No fault fired in any run: a pass tested nothing. */
    nothingFired: z.boolean(),
  }),
  /** The smallest failing run found, or null. */
  counterexample: z.strictObject({
    /** The run's seed and its fault schedule (what the faults file holds). */
    seed: z.number().int().nonnegative(),
    faults: z.array(FaultJsonSchema),
    /** Generated faults (a partition and its heal count as one). */
    size: z.number().int().positive(),
    /** Chain digest of the run, as `sim run --json` prints it on replay. */
    digest: z.string().regex(/^[0-9a-f]{16}$/),
    /** Names of the invariants it violates, and every invariant's verdict in that run. */
    violated: z.array(z.string()).min(1),
    verdicts: z.array(InvariantJsonSchema),
    /** The first failing run, before shrinking: its search run number, seed and size. */
    foundInRun: z.number().int().positive(),
    firstFailure: z.strictObject({ seed: z.number().int().nonnegative(), size: z.number().int().positive() }),
    /** fast-check's successful shrink steps, the runs spent shrinking, and whether its budget stopped it. */
    shrinks: z.number().int().nonnegative(),
    shrinkRuns: z.number().int().nonnegative(),
    shrinkBudgetReached: z.boolean(),
    /** Where the faults were written, and the command that replays the run exactly. */
    faultsFile: z.string(),
    replay: z.string(),
    /** The regression file written by --save, if any. */
    savedTo: z.string().optional(),
  }).nullable(),
});

export type CheckReport = z.infer<typeof CheckReportSchema>;
