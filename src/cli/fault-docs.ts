import type { TargetGroup } from '../runner/faults-json-schema.js';

type JsonSchema = Record<string, unknown>;

/** A value's type and range in words, from its JSON Schema: "number >= 0", "one of a, b", "list of (one of a, b)". */
export function describeType(s: JsonSchema): string {
  if (Array.isArray(s['enum'])) return `one of ${(s['enum'] as unknown[]).join(', ')}`;
  if (s['type'] === 'array') {
    const items = describeType((s['items'] ?? {}) as JsonSchema);
    const min = typeof s['minItems'] === 'number' ? `${s['minItems']} or more ` : '';
    return `list of ${min}(${items})`;
  }
  const type = typeof s['type'] === 'string' ? s['type'] : 'any value';
  // zod's int() adds the largest safe integer as a maximum: no limit worth saying.
  const max = s['maximum'] === Number.MAX_SAFE_INTEGER ? undefined : s['maximum'];
  if (s['minimum'] !== undefined && max !== undefined) return `${type} from ${s['minimum']} to ${max}`;
  const range = [
    s['minimum'] !== undefined ? `>= ${s['minimum']}` : s['exclusiveMinimum'] !== undefined ? `> ${s['exclusiveMinimum']}` : '',
    max !== undefined ? `<= ${max}` : '',
  ].filter((r) => r !== '');
  return [type, ...range].join(' ');
}

/** One line per parameter: name, type and range, default or "optional", what it means (units in the description). */
function paramLines(params: JsonSchema): string[][] {
  const props = (params['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((params['required'] ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => {
    const presence = p['default'] !== undefined ? `default ${JSON.stringify(p['default'])}` : required.has(name) ? 'required' : 'optional';
    const description = typeof p['description'] === 'string' ? `: ${p['description']}` : '';
    return [name, `${describeType(p)}, ${presence}${description}`];
  });
}

function kindLines(kind: string, params: JsonSchema | undefined): string[] {
  const pad = (text: string, n: number) => text.padEnd(n);
  if (params === undefined) return [`  ${pad(kind, 14)} parameters not declared: passed to the model unchecked`];
  const rows = paramLines(params);
  if (rows.length === 0) return [`  ${pad(kind, 14)} no parameters`];
  const width = Math.max(...rows.map(([name]) => name!.length));
  return rows.map(([name, text], i) => `  ${pad(i === 0 ? kind : '', 14)} ${pad(name!, width)}  ${text}`);
}

/** `sim help faults <scenario>`: every target (alike ones together), its fault kinds and their parameters. */
export function formatFaultDocs(scenarioId: string, groups: readonly TargetGroup[], setting: string): string {
  const lines = [
    `Faults of ${scenarioId}${setting === '' ? '' : ` with ${setting}`}: what a faults file (sim run --faults) may hold.`,
    'Each fault is {"at", "target", "kind", "params"}; "at" is a duration ("60s", "1.5m", "250ms") or a number of ms.',
    'Every fault is checked against this before the run starts, also one that falls after --until.',
  ];
  for (const g of groups) {
    lines.push('', g.targets.join(', '));
    for (const k of [...g.kinds].sort((a, b) => a.kind.localeCompare(b.kind))) lines.push(...kindLines(k.kind, k.params));
  }
  return `${lines.join('\n')}\n`;
}
