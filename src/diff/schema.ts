import { z } from 'zod';
import { DivergenceSchema } from '../report/determinism-schema.js';

export { DeterminismSchema, DivergenceSchema, ShownRecordSchema, type DeterminismJson, type DivergenceJson, type ShownRecordJson } from '../report/determinism-schema.js';

export const DiffInputSchema = z.strictObject({
  file: z.string(),
  /** A `sim run --json` document or a `--trace` file. */
  kind: z.enum(['report', 'trace']),
  scenario: z.string().optional(),
  seed: z.number().int().nonnegative().optional(),
  /** The digest the report recorded. */
  digest: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  /** Whether re-running the report's scenario, seed, params, faults and horizon gave its recorded digest again (absent when it was not re-run). */
  reproduced: z.boolean().optional(),
});

/** The `sim diff --json` document. */
export const DiffReportSchema = z.strictObject({
  failsim: z.literal(1),
  identical: z.boolean(),
  /** "traces": every trace record was compared; "timelines": only the reports' recorded timelines (a report no longer reproduces). */
  compared: z.enum(['traces', 'timelines']),
  a: DiffInputSchema,
  b: DiffInputSchema,
  /** Records compared when identical (absent when equal digests made reading them unnecessary). */
  records: z.number().int().nonnegative().optional(),
  /** Remarks, e.g. that a report no longer reproduces with the current models. */
  notes: z.array(z.string()),
  divergence: DivergenceSchema.nullable(),
});

export type DiffInputJson = z.infer<typeof DiffInputSchema>;
export type DiffReport = z.infer<typeof DiffReportSchema>;
