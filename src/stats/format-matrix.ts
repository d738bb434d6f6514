import { formatMetric } from '../report/format.js';
import { plainPalette, type Palette } from '../report/palette.js';
import { formatCount, formatInterval, formatPercent } from './format-stats.js';
import type { MatrixRow, RateEstimate } from './matrix.js';
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

/** The matrix as text: one line per failure, rates as measured with 95% intervals. */
export function formatMatrix(rows: readonly MatrixRow[], palette: Palette = plainPalette): string {
  const p = palette;
  const head = ['failure', 'runs', 'data loss?', 'auto-recover?', 'manual action?', 'downtime p50 / p99'];
  const body = rows.map((r): Cell[] => [r.id, formatCount(r.runs), dataLoss(r.dataLoss, p), autoRecover(r.autoRecover, p), manualAction(r.manualAction, p), downtime(r.downtime)]);
  const notes = [
    'data loss: runs with acceptedOrdersLost > 0 (ackedWritesLost for Patroni); auto-recover / manual action: manualStepNeeded 0 / 1',
    'downtime: timeToRecoverMs (or writeDowntimeMs); [..] is a 95% Wilson interval, "< x%" the rule-of-three bound when it never happened',
  ];
  return [p.bold('Failure Recovery Matrix (measured)'), ...renderTable(head, body, ['l', 'r', 'l', 'l', 'l', 'l'], p), '', ...notes.map((n) => p.dim(`  ${n}`))].join('\n') + '\n';
}
