import { formatNumber } from '../report/format.js';
import { plainPalette, type Palette } from '../report/palette.js';
import { formatDivergence } from './format-text.js';
import type { DiffInputJson, DiffReport } from './schema.js';

/** The human form of a `sim diff` document. Pure: the same document gives the same text. */
export function formatDiffReport(d: DiffReport, p: Palette = plainPalette): string {
  const width = Math.max(d.a.file.length, d.b.file.length);
  const sections = [[`A  ${d.a.file.padEnd(width)}  ${describeInput(d.a)}`, `B  ${d.b.file.padEnd(width)}  ${describeInput(d.b)}`].join('\n')];
  if (d.notes.length > 0) sections.push(d.notes.map((n) => `${p.yellow('!')} ${n}`).join('\n'));
  if (d.divergence !== null) sections.push(formatDivergence(d.divergence, { a: 'A', b: 'B' }, p).join('\n'));
  sections.push(verdict(d, p));
  return `${sections.join('\n\n')}\n`;
}

function describeInput(i: DiffInputJson): string {
  if (i.kind === 'trace') return 'trace file';
  const parts = [`report of ${i.scenario ?? '?'}, seed ${i.seed ?? '?'}, digest ${i.digest ?? '?'}`];
  if (i.reproduced === true) parts.push('re-run reproduces it');
  if (i.reproduced === false) parts.push('re-run does NOT reproduce it');
  return parts.join('; ');
}

function verdict(d: DiffReport, p: Palette): string {
  const what = d.compared === 'timelines' ? 'timeline entries' : 'trace records';
  if (d.identical) return `result: ${p.green(p.bold('IDENTICAL'))}${d.records === undefined ? '' : `, ${formatNumber(d.records)} ${what}`}`;
  if (d.divergence === null) return `result: ${p.red(p.bold('DIFFERENT'))} (digests differ; the ${what} compared are the same)`;
  return `result: ${p.red(p.bold('DIFFERENT'))}, the runs part at ${d.compared === 'timelines' ? 'timeline entry' : 'record'} ${d.divergence.record}`;
}
