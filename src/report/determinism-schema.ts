import { z } from 'zod';

/**
 * The divergence part of `sim diff --json`, which `sim run --verify-determinism`
 * reports too. It lives in report (the lower layer) so report's JSON schema
 * needs nothing from diff; diff re-exports it.
 */

/** A trace record (or timeline entry) as a divergence report shows it. */
export const ShownRecordSchema = z.strictObject({
  /** 1-based: the line of a `--trace` file (or the entry of a timeline). */
  record: z.number().int().positive(),
  /** Virtual time in ms. */
  tMs: z.number().nonnegative(),
  source: z.string(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** A timeline entry's text, when timelines were compared. */
  text: z.string().optional(),
});

/** Where two runs part: the first record that differs and the records around it. */
export const DivergenceSchema = z.strictObject({
  /** 1-based number of the first record that differs, or that one run lacks. */
  record: z.number().int().positive(),
  /** The fields in which the two records at `record` differ ("t", "kind", "data.lsn", ...); empty when one run had ended. */
  differs: z.array(z.string()),
  /** Up to N records just before, the same in both runs. */
  before: z.array(ShownRecordSchema),
  /** Run A from `record` on (up to N + 1 records); empty when A had ended. */
  a: z.array(ShownRecordSchema),
  b: z.array(ShownRecordSchema),
});

/** `sim run --verify-determinism`: the second run against the first. */
export const DeterminismSchema = z.strictObject({
  identical: z.boolean(),
  /** The second run's digest (the report's `digest` is the first run's). */
  secondDigest: z.string().regex(/^[0-9a-f]{16}$/),
  /** Metrics whose values differ between the two runs (a model can be non-deterministic in what it measures without tracing it). */
  differentMetrics: z.array(z.string()),
  divergence: DivergenceSchema.nullable(),
});

export type ShownRecordJson = z.infer<typeof ShownRecordSchema>;
export type DivergenceJson = z.infer<typeof DivergenceSchema>;
export type DeterminismJson = z.infer<typeof DeterminismSchema>;
