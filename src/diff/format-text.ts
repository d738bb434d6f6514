import { formatTime, US_PER_MS } from '../kernel/time.js';
import { plainPalette, type Palette } from '../report/palette.js';
import type { DivergenceJson, ShownRecordJson } from './schema.js';

export interface SideLabels {
  readonly a: string;
  readonly b: string;
}

/** One record on one line: number, time, source, kind, then its data (or timeline text). */
export function formatRecord(r: ShownRecordJson, numberWidth = 0, micros = !Number.isInteger(r.tMs)): string {
  const detail = r.text ?? (r.data === undefined ? '' : JSON.stringify(r.data));
  return `${`#${r.record}`.padEnd(numberWidth)}  ${showTime(r.tMs, micros)}  ${r.source}  ${r.kind}${detail === '' ? '' : `  ${detail}`}`;
}

/** Seconds to the ms, as timelines print, or to the µs (two runs may part by less than a ms). */
function showTime(tMs: number, micros: boolean): string {
  return micros ? `${(tMs / 1000).toFixed(6)}s` : formatTime(tMs * US_PER_MS);
}

/**
 * Where two runs part, for people: the headline naming the record, its time
 * and the fields that differ, then the records both runs share just before
 * it and each run's records from it on ("> " marks the divergent one).
 */
export function formatDivergence(d: DivergenceJson, labels: SideLabels, p: Palette = plainPalette): string[] {
  const first = d.a[0] ?? d.b[0];
  const all = [...d.before, ...d.a, ...d.b];
  const micros = all.some((r) => !Number.isInteger(r.tMs));
  const when = first === undefined ? '' : ` (t=${showTime(first.tMs, micros)})`;
  const what = d.differs.length > 0 ? `: differs in ${d.differs.join(', ')}` : `: ${d.a.length === 0 ? labels.a : labels.b} had ended`;
  const lines = [p.bold(`first divergence at record ${d.record}${when}${what}`)];
  const width = Math.max(labels.a.length, labels.b.length, 'same'.length);
  const numberWidth = 1 + Math.max(...all.map((r) => String(r.record).length));
  const show = (r: ShownRecordJson) => formatRecord(r, numberWidth, micros);
  const row = (label: string, mark: string, text: string) => `  ${label.padEnd(width)} ${mark} ${text}`;
  for (const r of d.before) lines.push(p.dim(row('same', ' ', show(r))));
  const side = (label: string, records: readonly ShownRecordJson[], colour: (s: string) => string) => {
    if (records.length === 0) lines.push(row(label, '>', p.dim(`(no record ${d.record}: the run ended after ${d.record - 1})`)));
    records.forEach((r, i) => lines.push(i === 0 ? colour(row(label, '>', show(r))) : row(label, ' ', show(r))));
  };
  side(labels.a, d.a, p.red);
  side(labels.b, d.b, p.green);
  return lines;
}
