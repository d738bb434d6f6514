import type { z } from 'zod';
import type { ParamsSchema } from './scenario.js';

/** The field under its default (or prefault): what a new default must satisfy. */
function withoutDefault(field: z.ZodType): z.ZodType {
  const def = (field as any)._zod?.def;
  return def && (def.type === 'default' || def.type === 'prefault') ? (def.innerType as z.ZodType) : field;
}

/**
 * The schema with new defaults for some fields. Key order (which params in
 * JSON, replay commands and records follow), descriptions and each field's
 * own checks are kept; a default the field would refuse throws at once,
 * when the scenario module loads, not when someone runs it.
 */
export function overrideDefaults<S extends ParamsSchema>(schema: S, defaults: Partial<z.input<S>>): S {
  const shape = schema.shape as Record<string, z.ZodType>;
  const fields: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(defaults)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field === undefined) throw new Error(`default for "${key}": no such parameter`);
    const inner = withoutDefault(field);
    const checked = inner.safeParse(value);
    if (!checked.success) throw new Error(`default ${key}=${JSON.stringify(value)}: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    const next = (inner as any).default(value) as z.ZodType;
    fields[key] = field.description === undefined ? next : next.describe(field.description);
  }
  // extend() keeps an existing key where it was.
  return schema.extend(fields) as S;
}
