import { changedFields } from './changed-fields.js';
import type { Divergence } from './first-divergence.js';
import type { DivergenceJson } from './schema.js';
import type { ShownRecord } from './trace-entry.js';

/** A divergence with its records decoded for a report, and the fields the two divergent records differ in. */
export function showDivergence<R>(d: Divergence<R>, show: (r: R) => ShownRecord): DivergenceJson {
  const before = d.before.map(show), a = d.a.map(show), b = d.b.map(show);
  return {
    record: d.record,
    differs: a[0] !== undefined && b[0] !== undefined ? changedFields(a[0], b[0]) : [],
    before: before.map(plain),
    a: a.map(plain),
    b: b.map(plain),
  };
}

/** Only the fields a record has, so JSON output has no `undefined` keys. */
function plain(r: ShownRecord): ShownRecord {
  return {
    record: r.record,
    tMs: r.tMs,
    source: r.source,
    kind: r.kind,
    ...(r.data === undefined ? {} : { data: r.data }),
    ...(r.text === undefined ? {} : { text: r.text }),
  };
}
