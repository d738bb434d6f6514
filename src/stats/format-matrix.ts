import { formatMetric } from '../report/format.js';
import { plainPalette, type Palette } from '../report/palette.js';
import { formatCount, formatInterval, formatPercent } from './format-stats.js';
import type { MatrixRow, MedianEstimate, RateEstimate } from './matrix.js';
import { matrixSummary, type MatrixSummary } from './matrix-summary.js';
import { SLO_IMPACTS } from '../scenario/slo-ledger.js';
import { renderTable, type Cell } from './text-table.js';

const ci = (r: RateEstimate) => formatInterval(r.wilson95, (x) => formatPercent(x));
const never = (r: RateEstimate, word: string) => `${word} (0 of ${formatCount(r.runs)}; < ${formatPercent(r.ruleOfThreeBound ?? 1)})`;

/** "yes 34.0% [27.8%, 40.8%]" or "no (0 of 200; < 1.5%)". */
function dataLoss(r: MatrixRow['dataLoss'], p: Palette): Cell {
  if (r === null || r.runs === 0) return 'n/a';
  if (r.count === 0) return { text: never(r, 'no'), style: p.green };
  return { text: `yes ${formatPercent(r.rate)} ${ci(r)}`, style: p.red };
}

/** The document's Yes / No / Partial, with the measured rate. */
function autoRecover(r: RateEstimate | null, p: Palette): Cell {
  if (r === null || r.runs === 0) return 'n/a';
  if (r.count === r.runs) return { text: `yes (${formatCount(r.count)} of ${formatCount(r.runs)})`, style: p.green };
  if (r.count === 0) return { text: `no (0 of ${formatCount(r.runs)})`, style: p.red };
  return { text: `partial ${formatPercent(r.rate)} ${ci(r)}`, style: p.yellow };
}

function manualAction(r: RateEstimate | null, p: Palette): Cell {
  if (r === null || r.runs === 0) return 'n/a';
  if (r.count === 0) return { text: never(r, 'none'), style: p.green };
  return { text: `yes ${formatPercent(r.rate)} ${ci(r)}`, style: p.yellow };
}

function downtime(d: MatrixRow['downtime']): string {
  if (d === null || d.n === 0) return 'n/a';
  const f = (v: number | null) => (v === null ? 'no recovery' : formatMetric(v, 'ms'));
  return `${f(d.p50)} / ${f(d.p99)}`;
}

/** "High -> Medium (47 of 50), 5.5 %": the document's grade, the one most runs measured, the median budget burned. */
function slo(s: MatrixRow['slo'], p: Palette): Cell {
  if (s === null) return 'n/a';
  const n = s.runsByGrade[SLO_IMPACTS.indexOf(s.modal)] ?? 0;
  const runs = s.runsByGrade.reduce((a, b) => a + b, 0);
  const burned = s.budgetBurnedP50 === null ? '' : `, ${formatPercent(s.budgetBurnedP50 / 100)}`;
  const text = `${s.stated ?? '?'} -> ${s.modal} (${formatCount(n)} of ${formatCount(runs)})${burned}`;
  return s.stated === null ? text : { text, style: s.stated === s.modal ? p.green : p.red };
}

/** The matrix as text: one line per failure, rates as measured with 95% intervals. */
export function formatMatrix(rows: readonly MatrixRow[], palette: Palette = plainPalette): string {
  const p = palette;
  const withSlo = rows.some((r) => r.slo !== null);
  const head = ['failure', 'runs', 'data loss?', 'auto-recover?', 'manual action?', 'downtime p50 / p99', ...(withSlo ? ['SLO impact: stated -> measured, budget burned p50'] : [])];
  const body = rows.map((r): Cell[] => [
    r.id, formatCount(r.runs), dataLoss(r.dataLoss, p), autoRecover(r.autoRecover, p), manualAction(r.manualAction, p), downtime(r.downtime), ...(withSlo ? [slo(r.slo, p)] : []),
  ]);
  const notes = [
    'data loss: runs with acceptedOrdersLost > 0 (ackedWritesLost for Patroni, writesLostByRestore for the firewall); auto-recover / manual action: manualStepNeeded 0 / 1',
    'downtime: timeToRecoverMs (or writeDowntimeMs); [..] is a 95% Wilson interval, "< x%" the rule-of-three bound when it never happened',
    ...(withSlo ? ['SLO impact: the budget a 30-day 99.9 % SLO loses to the incident, None < 0.1 % <= Low < 2 % <= Medium < 10 % <= High'] : []),
  ];
  const summary = matrixSummary(rows);
  const rto = rows.filter((r) => r.rto !== null);
  return [
    p.bold('Failure Recovery Matrix (measured)'), ...renderTable(head, body, ['l', 'r', 'l', 'l', 'l', 'l', 'l'], p), '', ...notes.map((n) => p.dim(`  ${n}`)),
    ...(rto.length === 0 ? [] : ['', ...formatRto(rto, p)]),
    ...(summary === null ? [] : ['', ...formatSummary(summary, p)]),
  ].join('\n') + '\n';
}

/** "<30 seconds | 30.0s [30.0s, 30.0s]": the document's cell, then the median over the runs with its 95 % interval. */
function timeCell(stated: string | undefined, m: MedianEstimate | null): string {
  const measured = m === null ? 'n/a' : `${formatMetric(m.p50, 'ms')} ${formatInterval(m.ci95, (x) => formatMetric(x, 'ms'))}`;
  return `${stated ?? '?'} | ${measured}`;
}

function lossCell(stated: string | undefined, r: RateEstimate | null): string {
  if (r === null || r.runs === 0) return `${stated ?? '?'} | n/a`;
  return `${stated ?? '?'} | ${r.count === 0 ? never(r, 'none') : `${formatPercent(r.rate)} of runs ${ci(r)}`}`;
}

/** The document's Recovery Time Objectives table beside the measured medians, row by row. */
function formatRto(rows: readonly MatrixRow[], p: Palette): string[] {
  const head = ['failure', 'runs', 'detection: document | measured p50 [95% CI]', 'recovery: document | measured p50 [95% CI]', 'data loss: document | runs with loss'];
  const body = rows.map((r): Cell[] => {
    const d = r.documented?.rto;
    return [r.id, formatCount(r.runs), timeCell(d?.detection, r.rto!.detection), timeCell(d?.recovery, r.rto!.recovery), lossCell(d?.dataLoss, r.rto!.dataLost)];
  });
  return [
    p.bold('Recovery Time Objectives (document | measured)'), ...renderTable(head, body, ['l', 'r', 'l', 'l', 'l'], p),
    p.dim('  times: metrics detectionMs and recoveryMs from the failure; [..] is a distribution-free 95% interval of the median; data loss: runs with dataLost > 0'),
  ];
}

const cell = (n: number | null) => (n === null ? '-' : formatCount(n));

/** The document's Summary Statistics as it prints them, as its sections add up, and as measured; then where they disagree. */
function formatSummary(s: MatrixSummary, p: Palette): string[] {
  const head = ['severity', 'document\'s table', 'document\'s sections', 'measured'];
  const body = s.severities.map((r): Cell[] => [r.severity, cell(r.table), cell(r.sections), cell(r.measured)]);
  const rec = (name: string, f: (c: MatrixSummary['sections']) => number): Cell[] => [name, s.table === null ? '-' : formatCount(f(s.table)), formatCount(f(s.sections)), formatCount(f(s.measured))];
  body.push(rec('auto-recovery', (c) => c.auto), rec('manual recovery', (c) => c.manual));
  return [
    p.bold(`Summary Statistics (${formatCount(s.failures)} failures)`), ...renderTable(head, body, ['l', 'r', 'r', 'r'], p),
    ...(s.disagreements.length === 0 ? [] : ['', p.bold('Where they disagree'), ...s.disagreements.map((d) => `  ${d}`)]),
  ];
}
