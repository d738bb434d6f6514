import { z } from 'zod';
import { DURATION_RE, MAX_RUN_MS } from '../kernel/time.js';
import type { CatalogueEntry } from './fault-catalogue.js';

type JsonSchema = Record<string, unknown>;

/** Targets that take the same kinds with the same parameters, documented once. */
export interface TargetGroup {
  readonly targets: string[];
  readonly kinds: { readonly kind: string; readonly params: JsonSchema | undefined }[];
}

/** A params schema as JSON Schema, as a file gives it (defaults optional); undefined when the model declared none. */
function paramsJson(schema: CatalogueEntry['params']): JsonSchema | undefined {
  if (schema === undefined) return undefined;
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return json;
}

/** The catalogue by target, targets whose kinds and parameters are the same merged (a cluster's pods). */
export function groupCatalogue(entries: readonly CatalogueEntry[]): TargetGroup[] {
  const byTarget = new Map<string, TargetGroup['kinds']>();
  for (const e of entries) {
    const kinds = byTarget.get(e.target) ?? [];
    kinds.push({ kind: e.kind, params: paramsJson(e.params) });
    byTarget.set(e.target, kinds);
  }
  const groups = new Map<string, TargetGroup>();
  for (const [target, kinds] of byTarget) {
    const key = JSON.stringify(kinds);
    const group = groups.get(key);
    if (group) group.targets.push(target);
    else groups.set(key, { targets: [target], kinds });
  }
  return [...groups.values()];
}

/** "at": a duration string or a number of ms, up to the longest run. */
const AT_JSON: JsonSchema = {
  description: 'when the fault happens: a duration such as "60s", "1.5m", "250ms", or a number of milliseconds',
  anyOf: [{ type: 'number', minimum: 0, maximum: MAX_RUN_MS }, { type: 'string', pattern: DURATION_RE.source }],
};

function faultJson(targets: readonly string[], kind: string, params: JsonSchema | undefined): JsonSchema {
  const needsParams = Array.isArray(params?.['required']) && (params['required'] as unknown[]).length > 0;
  return {
    type: 'object',
    properties: { at: AT_JSON, target: { enum: targets }, kind: { const: kind }, params: params ?? { type: 'object' } },
    required: ['at', 'target', 'kind', ...(needsParams ? ['params'] : [])],
    additionalProperties: false,
  };
}

/**
 * A JSON Schema (draft 2020-12) for a faults file of the scenario, for
 * editors: a list of faults or {"faults": [...]}, each fault one of the
 * (target, kind) pairs the catalogue has, with that kind's parameters.
 */
export function faultsFileJsonSchema(scenarioId: string, entries: readonly CatalogueEntry[]): JsonSchema {
  const faults = groupCatalogue(entries).flatMap((g) => g.kinds.map((k) => faultJson(g.targets, k.kind, k.params)));
  const list = { type: 'array', items: { $ref: '#/$defs/fault' } };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `failsim faults file for ${scenarioId}`,
    anyOf: [list, { type: 'object', properties: { faults: list }, required: ['faults'], additionalProperties: false }],
    $defs: { fault: { anyOf: faults } },
  };
}
