import { formatTime, US_PER_MS } from '../kernel/time.js';
import type { InvariantResult } from '../runner/invariant-run.js';
import { formatParam } from '../report/format.js';
import { plainPalette, type Palette } from '../report/palette.js';
import type { FaultSpec } from '../scenario/fault-spec.js';
import type { CheckOutcome } from './check-loop.js';
import type { ShareRow } from './coverage-tally.js';
import { traceAround } from './trace-window.js';

export interface CheckReportInput {
  readonly scenario: string;
  readonly outcome: CheckOutcome;
  readonly runsAsked: number;
  readonly seed: number;
  /** The --set overrides, typed. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Where the counterexample's faults were written, and the command that replays it. */
  readonly faultsFile?: string | undefined;
  readonly replay?: string | undefined;
  readonly savedTo?: string | undefined;
  /** The invariants checked. */
  readonly invariants: readonly { readonly name: string; readonly kind: 'always' | 'eventually' }[];
}

/** The text `sim check` prints. Pure: wall-clock figures go to stderr, never here. */
export function checkReport(r: CheckReportInput, p: Palette = plainPalette): string {
  const o = r.outcome;
  const sections = [header(r, p)];
  if (o.counterexample !== null) sections.push(...found(r, p));
  else sections.push([`${p.green('no counterexample')} in ${o.runs} run${o.runs === 1 ? '' : 's'}; every run kept`, ...r.invariants.map((i) => `  ${p.green('PASS')}  ${i.name} (${i.kind})`)].join('\n'));
  sections.push(coverage(o, p));
  sections.push(verdictLines(r, p));
  return sections.filter((s) => s !== '').join('\n\n') + '\n';
}

function header(r: CheckReportInput, p: Palette): string {
  const o = r.outcome;
  const sets = Object.entries(r.params).map(([k, v]) => `${k}=${formatParam(v)}`).join('  ');
  const lines = [`${p.bold(`sim check ${r.scenario}`)}  up to ${r.runsAsked} runs, seed ${r.seed}`];
  lines.push(`  ${p.dim('faults'.padEnd(8))} 1 to ${o.maxFaults} per run, starting between ${formatTime(o.window.fromMs * US_PER_MS)} and ${formatTime(o.window.toMs * US_PER_MS)}`);
  if (sets !== '') lines.push(`  ${p.dim('set'.padEnd(8))} ${sets}`);
  return lines.join('\n');
}

function found(r: CheckReportInput, p: Palette): string[] {
  const o = r.outcome;
  const cx = o.counterexample!;
  const first = o.firstFailure!;
  const plural = (n: number) => `${n} fault${n === 1 ? '' : 's'}`;
  const summary = [
    `${p.red(p.bold('counterexample'))} in run ${o.runs} of ${r.runsAsked}: ${plural(first.size)} (seed ${first.seed}), shrunk in ${o.shrinks} step${o.shrinks === 1 ? '' : 's'} (${o.shrinkRuns} more runs) to ${plural(cx.size)}:`,
    ...(o.shrinkBudgetReached ? [`  ${p.yellow('!')} shrinking stopped at its budget of ${o.shrinkRuns} runs: a smaller schedule may exist`] : []),
    `  ${p.dim('seed'.padEnd(8))} ${cx.seed}`,
    ...cx.faults.map((f, i) => `  ${p.dim((i === 0 ? 'faults' : '').padEnd(8))} ${faultLine(f)}`),
  ].join('\n');
  const held = cx.result.invariants.filter((i) => i.pass);
  const verdicts = [p.bold('invariants'), ...cx.violated.map((i) => invariantLine(i, p)), ...held.map((i) => invariantLine(i, p))].join('\n');
  return [summary, verdicts, around(cx.result.timeline, cx.violated[0]?.atMs, cx.faults, p)];
}

export function faultLine(f: FaultSpec): string {
  const at = typeof f.at === 'number' ? formatTime(f.at * US_PER_MS) : f.at;
  return `${at} ${f.target} ${f.kind}${f.params ? ` ${JSON.stringify(f.params)}` : ''}`;
}

export function invariantLine(i: InvariantResult, p: Palette): string {
  const mark = i.pass ? p.green('PASS') : p.red(p.bold('FAIL'));
  return `  ${mark}  ${i.name} ${p.dim(`(${i.kind})`)}: ${i.detail}`;
}

function around(timeline: Parameters<typeof traceAround>[0], atMs: number | undefined, faults: readonly FaultSpec[], p: Palette): string {
  const firstFault = faults.length > 0 ? Number(faults[0]!.at) : undefined;
  const w = traceAround(timeline, atMs, firstFault);
  if (w.shown.length === 0) return '';
  const title = atMs === undefined ? `trace from the first fault (${formatTime(w.centre * US_PER_MS)})` : `trace around the violation at ${formatTime(atMs * US_PER_MS)}`;
  const times = w.shown.map((e) => formatTime(e.tMs * US_PER_MS));
  const tWidth = Math.max(...times.map((t) => t.length));
  const sWidth = Math.min(22, Math.max(...w.shown.map((e) => e.source.length)));
  const lines = [`${p.bold(title)} ${p.dim('(key events; add --trace FILE to the replay for every record)')}`];
  if (w.before > 0) lines.push(p.dim(`  ... ${w.before} earlier`));
  w.shown.forEach((e, i) => {
    const mark = atMs !== undefined && e.tMs >= atMs && (i === 0 || w.shown[i - 1]!.tMs < atMs) ? p.red('>') : ' ';
    lines.push(` ${mark}${p.dim(times[i]!.padStart(tWidth))}  ${p.cyan(e.source.padEnd(sWidth))}  ${e.text}`);
  });
  if (w.after > 0) lines.push(p.dim(`  ... ${w.after} later`));
  return lines.join('\n');
}

function coverage(o: CheckOutcome, p: Palette): string {
  const kinds = o.coverage.faultKinds();
  const paths = o.coverage.paths();
  const n = o.coverage.runs;
  const lines = [`${p.bold('coverage')} ${p.dim(`(share of the ${n} search run${n === 1 ? '' : 's'})`)}`];
  const width = Math.max(...[...kinds, ...paths].map((x) => x.name.length), 10);
  lines.push('  fault kinds fired', ...kinds.map((x) => shareLine(x, width, p)));
  if (paths.length > 0) lines.push('  paths reached (sometimes)', ...paths.map((x) => shareLine(x, width, p)));
  if (o.coverage.nothingFired) lines.push(`  ${p.yellow('!')} no fault fired in any run: this check exercised nothing`);
  const never = [...kinds.filter((x) => x.runs === 0).map((x) => `fault "${x.name}"`), ...paths.filter((x) => x.runs === 0).map((x) => `"${x.name}"`)];
  if (never.length > 0 && !o.coverage.nothingFired) lines.push(`  ${p.yellow('!')} never happened: ${never.join(', ')}`);
  return lines.join('\n');
}

function shareLine(x: ShareRow, width: number, p: Palette): string {
  const pct = x.of === 0 ? 0 : (100 * x.runs) / x.of;
  const text = `${pct.toFixed(0).padStart(3)}%  ${String(x.runs).padStart(String(x.of).length)}/${x.of}`;
  return `    ${x.name.padEnd(width)}  ${x.runs === 0 ? p.yellow(text) : text}`;
}

function verdictLines(r: CheckReportInput, p: Palette): string {
  const cx = r.outcome.counterexample;
  const lines: string[] = [];
  if (cx !== null) {
    lines.push(`${p.dim('digest')} ${cx.result.digest}`);
    if (r.faultsFile !== undefined) lines.push(`${p.dim('faults written to')} ${r.faultsFile}`);
    if (r.savedTo !== undefined) lines.push(`${p.dim('saved as a regression:')} ${r.savedTo}`);
    if (r.replay !== undefined) lines.push(`${p.dim('replay:')} ${r.replay}`);
    lines.push(`result: ${p.red(p.bold('FAIL'))}, counterexample found: ${cx.violated.map((i) => i.name).join(', ')}`);
  } else {
    const n = r.outcome.runs;
    lines.push(r.outcome.coverage.nothingFired
      ? `result: ${p.yellow(p.bold('PASS'))} in ${n} runs, but no fault fired: nothing was tested`
      : `result: ${p.green(p.bold('PASS'))}, every invariant held in ${n} run${n === 1 ? '' : 's'}`);
  }
  return lines.join('\n');
}
