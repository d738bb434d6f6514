import { formatParam } from '../report/format.js';
import { differingKeys } from '../records/identity.js';
import { plainPalette, type Palette } from '../report/palette.js';
import type { ClaimSummary } from './claim-summary.js';
import type { Comparison } from './compare.js';
import { intervalNotes } from './format-interval-notes.js';
import { formatCount, formatInterval, formatPercent, formatValue, percentDecimals } from './format-stats.js';
import type { MetricUnit } from './summary.js';
import { renderTable, type Cell } from './text-table.js';

/**
 * Two configurations side by side, in the spirit of the seed documents'
 * "Without mitigation | With mitigation" tables, but measured: per metric
 * the two means and the paired difference with its 95% interval; per claim
 * the two pass rates with Wilson intervals.
 */
export function formatComparison(c: Comparison, labels: { readonly a: string; readonly b: string }, palette: Palette = plainPalette): string {
  const p = palette;
  const sections = [header(c, labels, p), metrics(c, labels, p), claims(c, labels, p)];
  return sections.filter((x) => x !== '').join('\n\n') + '\n';
}

function header(c: Comparison, labels: { a: string; b: string }, p: Palette): string {
  const seeds = c.seeds.first === c.seeds.last ? `seed ${c.seeds.first}` : `seeds ${c.seeds.first}..${c.seeds.last}`;
  const scenario = c.scenario.a === c.scenario.b ? c.scenario.a : `${c.scenario.a} vs ${c.scenario.b}`;
  const lines = [`${p.bold(scenario)}  ${labels.a} vs ${labels.b}, ${formatCount(c.runs)} paired run${c.runs === 1 ? '' : 's'}, ${seeds}`];
  const changed = differingKeys(c.params.a, c.params.b);
  const show = (v: unknown) => (v === undefined ? '(unset)' : formatParam(v));
  changed.forEach((k, i) => lines.push(`  ${p.dim((i === 0 ? 'changed' : '').padEnd(7))}  ${k}: ${show(c.params.a[k])} -> ${show(c.params.b[k])}`));
  return lines.join('\n');
}

/** A difference with its sign; magnitudes go through the unit formatter, which is not made for negative durations. */
function formatDifference(v: number | null, unit: MetricUnit | undefined, decimals: number): string {
  if (v === null) return 'n/a';
  const magnitude = formatValue(Math.abs(v), unit, decimals);
  // A difference that rounds to zero at the shown precision gets no sign: "-0ms" reads as a finding.
  if (v === 0 || magnitude === formatValue(0, unit, decimals)) return formatValue(0, unit, decimals);
  return `${v < 0 ? '-' : '+'}${magnitude}`;
}

function metrics(c: Comparison, labels: { a: string; b: string }, p: Palette): string {
  const entries = Object.entries(c.metrics);
  if (entries.length === 0) return '';
  const rows = entries.map(([name, m]): Cell[] => {
    const ci = m.difference.ci95;
    // Percentages get the digits the difference's interval needs (for other units d is unused).
    const d = percentDecimals(m.meanA, ci);
    const diff = `${formatDifference(m.difference.mean, m.unit, d)} ${formatInterval(ci, (x) => formatDifference(x, m.unit, d))}`;
    // Bold when the interval excludes 0: a difference the runs support, not noise.
    const clear = ci !== null && (ci[0] > 0 || ci[1] < 0);
    return [name, formatCount(m.n), formatValue(m.meanA, m.unit, d), formatValue(m.meanB, m.unit, d), clear ? { text: diff, style: p.bold } : diff];
  });
  const head = ['metric', 'n', labels.a, labels.b, `difference ${labels.b} - ${labels.a} (95% CI)`];
  // For a difference, an "event" is a pair whose difference is not the most common one (usually 0).
  const notes = intervalNotes(entries.map(([name, m]) => [name, { n: m.n, events: m.difference.events, ciWarning: m.difference.ciWarning }] as const), p);
  return [p.bold('metrics (means over paired runs)'), ...renderTable(head, rows, ['l', 'r', 'r', 'r', 'l'], p), ...notes].join('\n');
}

function rate(s: ClaimSummary | null): string {
  if (s === null) return 'not checked';
  return `${formatPercent(s.passRate)} ${formatInterval(s.wilson95, (x) => formatPercent(x))}`;
}

function claims(c: Comparison, labels: { a: string; b: string }, p: Palette): string {
  const entries = Object.entries(c.claims);
  if (entries.length === 0) return '';
  const rows = entries.map(([name, k]): Cell[] => [
    name,
    rate(k.a),
    rate(k.b),
    `${formatCount(k.heldOnlyInB)} / ${formatCount(k.heldOnlyInA)}`,
  ]);
  const head = ['claim held in', labels.a, labels.b, `seeds fixed / broken by ${labels.b}`];
  return [p.bold('claims (pass rate, 95% Wilson interval)'), ...renderTable(head, rows, ['l', 'l', 'l', 'r'], p)].join('\n');
}
