import { z } from 'zod';
import { MAX_RUN_MS, parseDuration, US_PER_MS, type Micros } from '../kernel/time.js';
import type { Fault } from '../kernel/faults.js';

/**
 * Faults as people write them: `at` is a duration string ("60s", "1.5m",
 * "250ms") or a number of milliseconds. The kernel's `Fault` uses µs.
 */
const AtSchema = z.union([z.number().nonnegative(), z.string()]).refine((v) => (parseDuration(v) ?? Infinity) <= MAX_RUN_MS * US_PER_MS, {
  message: `expected a duration such as "60s", "1.5m", "250ms" or a number of milliseconds, at most ${MAX_RUN_MS} ms`,
});

export const FaultSpecSchema = z.strictObject({
  at: AtSchema,
  target: z.string().min(1),
  kind: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type FaultSpec = z.input<typeof FaultSpecSchema>;

/** A faults file: a list of faults, or `{ "faults": [...] }`. */
export const FaultFileSchema = z.union([z.array(FaultSpecSchema), z.strictObject({ faults: z.array(FaultSpecSchema) })]);

export function toFault(spec: FaultSpec): Fault {
  const at = parseDuration(spec.at) as Micros;
  return spec.params === undefined ? { at, target: spec.target, kind: spec.kind } : { at, target: spec.target, kind: spec.kind, params: spec.params };
}

/** The canonical written form of a fault, with `at` in milliseconds. */
export function toSpec(fault: Fault): FaultSpec {
  const at = fault.at / 1000;
  return fault.params === undefined ? { at, target: fault.target, kind: fault.kind } : { at, target: fault.target, kind: fault.kind, params: { ...fault.params } };
}

export function faultsFromJson(value: unknown): Fault[] {
  const parsed = FaultFileSchema.parse(value);
  return (Array.isArray(parsed) ? parsed : parsed.faults).map(toFault);
}
