import { z } from 'zod';
import type { ParamsSchema } from './scenario.js';

export class BadInput extends Error {
  override name = 'BadInput';
}

/** The inner type of a schema field, through defaults, optionals and descriptions. */
function baseType(field: z.ZodType): z.ZodType {
  let t: any = field;
  for (let i = 0; i < 10; i++) {
    const def = t._zod?.def;
    if (def && (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault')) t = def.innerType;
    else break;
  }
  return t as z.ZodType;
}

/** Turns the text of `--set key=value` into the field's type, so zod can then check ranges and enums. */
function coerce(key: string, field: z.ZodType, text: string): unknown {
  const type = (baseType(field) as any)._zod?.def?.type;
  if (type === 'number' || type === 'int') {
    const n = text.trim() === '' ? NaN : Number(text);
    if (Number.isNaN(n)) throw new BadInput(`--set ${key}="${text}": expected a number`);
    return n;
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (type === 'enum') return expandPrefix(text, (baseType(field) as z.ZodEnum).options.map(String));
  return text;
}

/**
 * A choice may be typed as any prefix that names one option alone, as GNU
 * long options may (`replication=async` for `asynchronous`); anything else
 * is left for zod to reject with the list of options.
 */
function expandPrefix(text: string, options: readonly string[]): string {
  if (text === '' || options.includes(text)) return text;
  const matches = options.filter((o) => o.startsWith(text));
  return matches.length === 1 ? matches[0]! : text;
}

/** Valid keys with their type, for error messages. */
export function describeParams(schema: ParamsSchema): string {
  return Object.keys(schema.shape).sort().join(', ');
}

/**
 * Parses `key=value` settings against a scenario's params schema. Unknown
 * keys, missing `=` and values zod rejects become one-line BadInput errors
 * that name the key and what is valid.
 */
export function parseSettings(schema: ParamsSchema, settings: readonly string[]): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const raw: Record<string, unknown> = {};
  for (const s of settings) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new BadInput(`--set "${s}": expected key=value (valid keys: ${describeParams(schema)})`);
    const key = s.slice(0, eq).trim();
    // Only the schema's own keys: "__proto__", "constructor" or "toString" are inherited, not parameters.
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field) throw new BadInput(`--set: unknown parameter "${key}" (valid: ${describeParams(schema)})`);
    raw[key] = coerce(key, field, s.slice(eq + 1));
  }
  return raw;
}

/** Applies zod defaults and checks; a failure names the first offending key. */
export function resolveParams<S extends ParamsSchema>(schema: S, raw: Record<string, unknown>): z.output<S> {
  // zod would drop an unknown key in silence; a misspelt parameter must not run with the default instead.
  const unknown = Object.keys(raw).find((k) => !Object.hasOwn(schema.shape, k));
  if (unknown !== undefined) throw new BadInput(`unknown parameter "${unknown}" (valid: ${describeParams(schema)})`);
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const key = issue.path.join('.') || '(params)';
  const got = issue.path.length > 0 ? raw[String(issue.path[0])] : undefined;
  const shown = got === undefined ? '' : typeof got === 'number' && !Number.isFinite(got) ? '' : `=${JSON.stringify(got)}`;
  throw new BadInput(`parameter ${key}${shown}: ${issue.message}`);
}

/** The schema's defaults, or undefined when some parameter has none. */
export function defaultsOf(schema: ParamsSchema): Record<string, unknown> | undefined {
  try {
    return resolveParams(schema, {});
  } catch {
    return undefined;
  }
}
