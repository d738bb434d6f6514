import { differingKeys } from '../records/identity.js';
import type { ShownRecord } from './trace-entry.js';

/**
 * The fields in which two records differ: "t", "source", "kind", "text",
 * "data.<key>" (or "data" when only one has any), in that order. Tells a
 * reader at a glance whether the runs differ in what happened or only when.
 */
export function changedFields(a: ShownRecord, b: ShownRecord): string[] {
  const out: string[] = [];
  if (a.tMs !== b.tMs) out.push('t');
  if (a.source !== b.source) out.push('source');
  if (a.kind !== b.kind) out.push('kind');
  if (a.text !== b.text) out.push('text');
  if ((a.data === undefined) !== (b.data === undefined)) {
    out.push('data');
  } else if (a.data !== undefined && b.data !== undefined) {
    for (const k of differingKeys(a.data, b.data).sort()) out.push(`data.${k}`);
  }
  return out;
}
