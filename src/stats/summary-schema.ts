import { z } from 'zod';

/**
 * The `sim sweep --json` / `sim merge --json` (SweepSummary) and
 * `sim compare --json` (Comparison) documents, for tests and for readers
 * who want to check what they parse. Strict, so a field added without
 * being documented here (and in the README) fails the tests.
 */

const IntervalSchema = z.tuple([z.number(), z.number()]);
const num = z.number().nullable();
const count = z.number().int().nonnegative();

/** The interval of a mean and what it rests on (MeanCi). */
const MeanCiFields = {
  ci95: IntervalSchema.nullable(),
  events: count,
  ciMethod: z.enum(['bootstrap-t', 'student-t']).nullable(),
  ciWarning: z.enum(['too-few-runs', 'too-few-events']).nullable(),
};

const UnitSchema = z.enum(['ms', 'count', 'ratio', 'percent', 'bytes', 'per_s']);

export const SweepMetricSchema = z.strictObject({
  n: count,
  mean: num,
  sd: num,
  ci95: MeanCiFields.ci95,
  p50: num,
  p95: num,
  p99: num,
  min: num,
  max: num,
  events: MeanCiFields.events,
  ciMethod: MeanCiFields.ciMethod,
  ciWarning: MeanCiFields.ciWarning,
  unit: UnitSchema.optional(),
});

export const ClaimSummarySchema = z.strictObject({
  passed: count,
  runs: count,
  passRate: z.number().min(0).max(1),
  wilson95: IntervalSchema,
  ruleOfThreeFailureBound: z.number().optional(),
});

/** A claim or invariant that failed in some runs: its first failing seeds and, from sim sweep and sim merge, their replay commands. */
export const FailingSeedsSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['claim', 'invariant']),
  failedRuns: count,
  runs: count,
  seeds: z.array(z.number().int()),
  replay: z.array(z.string()).optional(),
});

const NinesIntervalSchema = z.tuple([num, num]);

const AvailabilitySchema = z.strictObject({
  availability: z.number(),
  ci95: IntervalSchema.nullable(),
  nines: num,
  ninesCi95: NinesIntervalSchema.nullable(),
});

const PerYearSchema = z.strictObject({
  incidentsPerYear: z.number(),
  downtimeMsPerYear: z.number(),
  downtimeMsPerYearCi95: IntervalSchema.nullable(),
  availability: z.number(),
  availabilityCi95: IntervalSchema.nullable(),
  nines: num,
  ninesCi95: NinesIntervalSchema.nullable(),
});

const SeedsSchema = z.strictObject({ first: z.number().int(), last: z.number().int() });
const ParamsSchema = z.record(z.string(), z.unknown());

export const SweepSummarySchema = z.strictObject({
  scenario: z.string(),
  runs: count,
  seeds: SeedsSchema,
  params: ParamsSchema,
  metrics: z.record(z.string(), SweepMetricSchema),
  claims: z.record(z.string(), ClaimSummarySchema),
  failures: z.array(FailingSeedsSchema).optional(),
  availability: z.record(z.string(), AvailabilitySchema).optional(),
  perYear: z.record(z.string(), PerYearSchema).optional(),
});

export const ComparisonSchema = z.strictObject({
  scenario: z.strictObject({ a: z.string(), b: z.string() }),
  runs: count,
  seeds: SeedsSchema,
  params: z.strictObject({ a: ParamsSchema, b: ParamsSchema }),
  metrics: z.record(z.string(), z.strictObject({
    n: count,
    meanA: num,
    meanB: num,
    difference: z.strictObject({ mean: num, sd: num, ...MeanCiFields }),
    unit: UnitSchema.optional(),
  })),
  claims: z.record(z.string(), z.strictObject({
    a: ClaimSummarySchema.nullable(),
    b: ClaimSummarySchema.nullable(),
    heldOnlyInA: count,
    heldOnlyInB: count,
  })),
});
