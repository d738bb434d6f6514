import type { z } from 'zod';
import type { RawConfig } from './config-schema.js';

/** One wrong field: which, and why (the validator's message). */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

export type ConfigVerdict<T> = { readonly ok: true; readonly config: T } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** Validates the whole config at once, as a start-up check does: every wrong field listed. Pure. */
export function validateConfig<S extends z.ZodObject>(schema: S, raw: RawConfig): ConfigVerdict<z.output<S>> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, problems: r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(root)', message: i.message })) };
}

/**
 * Reads one field the way a lazily configured app does, at first use: only
 * that field is parsed, so a wrong field stays hidden until a request needs
 * it. Returns the problem, or null if the field is fine.
 */
export function checkField<S extends z.ZodObject>(schema: S, raw: RawConfig, field: string): ConfigProblem | null {
  const fieldSchema = (schema.shape as Record<string, z.ZodType | undefined>)[field];
  if (fieldSchema === undefined) return { field, message: 'not a known setting' };
  const r = fieldSchema.safeParse(raw[field]);
  return r.success ? null : { field, message: r.error.issues[0]?.message ?? 'invalid' };
}

/** One line for the log: "config invalid: DATABASE_URL: Invalid input...; JWT_SECRET: ...". */
export function describeConfigProblems(problems: readonly ConfigProblem[]): string {
  return `config invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
}
