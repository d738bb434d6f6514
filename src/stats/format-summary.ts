import { formatParam } from '../report/format.js';
import { plainPalette, type Palette } from '../report/palette.js';
import { wrap } from '../report/text.js';
import type { ClaimSummary } from './claim-summary.js';
import type { Interval } from './interval.js';
import { formatFailures } from './format-failures.js';
import { intervalNotes } from './format-interval-notes.js';
import { formatCount, formatInterval, formatMetricInterval, formatNines, formatNinesInterval, formatPercent, formatValue, percentDecimals } from './format-stats.js';
import type { SweepSummary } from './summary.js';
import { renderTable } from './text-table.js';

/**
 * The human report of a sweep. Pure and byte-stable: the same summary
 * gives the same text (fixed decimals, no locale, no widths from the terminal).
 */
export function formatSummary(s: SweepSummary, palette: Palette = plainPalette): string {
  const p = palette;
  const sections = [header(s, p), metrics(s, p), claims(s, p), formatFailures(s, p), availability(s, p), perYear(s, p)];
  return sections.filter((x) => x !== '').join('\n\n') + '\n';
}

function header(s: SweepSummary, p: Palette): string {
  const seeds = s.seeds.first === s.seeds.last ? `seed ${s.seeds.first}` : `seeds ${s.seeds.first}..${s.seeds.last}`;
  const lines = [`${p.bold(s.scenario)}  ${formatCount(s.runs)} run${s.runs === 1 ? '' : 's'}, ${seeds}`];
  const words = Object.entries(s.params).filter(([, v]) => v !== undefined).map(([k, v]) => ({ text: `${k}=${formatParam(v)}`, styled: `${k}=${formatParam(v)}` }));
  wrap(words, 78 - 10).forEach((line, i) => lines.push(`  ${p.dim((i === 0 ? 'params' : '').padEnd(6))}  ${line}`));
  return lines.join('\n');
}

function metrics(s: SweepSummary, p: Palette): string {
  const rows = Object.entries(s.metrics).map(([name, m]) => {
    const d = percentDecimals(m.mean, m.ci95);
    const f = (v: number | null) => formatValue(v, m.unit, d);
    return [name, formatCount(m.n), f(m.mean), formatMetricInterval(m.ci95, m.unit, d), f(m.p50), f(m.p95), f(m.p99), f(m.min), f(m.max)];
  });
  if (rows.length === 0) return '';
  const head = ['metric', 'n', 'mean', '95% CI of mean', 'p50', 'p95', 'p99', 'min', 'max'];
  const notes = intervalNotes(Object.entries(s.metrics), p);
  return [p.bold('metrics'), ...renderTable(head, rows, ['l', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'r'], p), ...notes].join('\n');
}

/** "held in 68 of 200 runs: 34.0% [27.8%, 40.8%] (95% Wilson)", plus the rule-of-three bound when it never failed. */
export function describeClaim(c: ClaimSummary): string {
  const rate = `held in ${formatCount(c.passed)} of ${formatCount(c.runs)} runs: ${formatPercent(c.passRate)} ${formatInterval(c.wilson95, (x) => formatPercent(x))} (95% Wilson)`;
  if (c.ruleOfThreeFailureBound === undefined) return rate;
  return `${rate}; never failed in ${formatCount(c.runs)} runs: failure rate < 3/${c.runs} = ${formatPercent(c.ruleOfThreeFailureBound, 2)} (95%)`;
}

function claims(s: SweepSummary, p: Palette): string {
  const entries = Object.entries(s.claims);
  if (entries.length === 0) return '';
  const lines = [p.bold('claims')];
  for (const [name, c] of entries) {
    // A claim is a universal statement: one failing run refutes it, and the rate says how often.
    const mark = c.passed === c.runs && c.runs > 0 ? p.green('PASS') : p.red(p.bold('FAIL'));
    lines.push(`  ${mark}  ${name}`, `        ${describeClaim(c)}`);
  }
  return lines.join('\n');
}

function availability(s: SweepSummary, p: Palette): string {
  const entries = Object.entries(s.availability ?? {});
  if (entries.length === 0) return '';
  const rows = entries.map(([name, a]) => {
    const f = fractionFormatter(a.availability, a.ci95);
    return [name, f(a.availability), formatInterval(a.ci95, f), formatNines(a.nines), formatNinesInterval(a.ninesCi95)];
  });
  const head = ['metric', 'mean', '95% CI', 'nines', '95% CI'];
  return [p.bold('availability (mean over runs)'), ...renderTable(head, rows, ['l', 'r', 'l', 'r', 'l'], p)].join('\n');
}

/** An availability fraction as a percentage, with the row's decimals. */
function fractionFormatter(a: number, ci: Interval | null): (x: number) => string {
  const d = percentDecimals(a * 100, ci === null ? null : [ci[0] * 100, ci[1] * 100]);
  return (x) => formatPercent(x, d);
}

function perYear(s: SweepSummary, p: Palette): string {
  const entries = Object.entries(s.perYear ?? {});
  if (entries.length === 0) return '';
  const rows = entries.map(([name, y]) => {
    const f = fractionFormatter(y.availability, y.availabilityCi95);
    return [
      name,
      formatValue(y.downtimeMsPerYear, 'ms'),
      formatMetricInterval(y.downtimeMsPerYearCi95, 'ms'),
      f(y.availability),
      formatInterval(y.availabilityCi95, f),
      formatNines(y.nines),
      formatNinesInterval(y.ninesCi95),
    ];
  });
  const rate = formatValue(entries[0]![1].incidentsPerYear, undefined);
  const head = ['metric', 'downtime/year', '95% CI', 'availability', '95% CI', 'nines', '95% CI'];
  return [p.bold(`per year, at ${rate} incident${rate === '1' ? '' : 's'} a year`), ...renderTable(head, rows, ['l', 'r', 'l', 'r', 'l', 'r', 'l'], p)].join('\n');
}
