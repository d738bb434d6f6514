import { formatTime, US_PER_MS } from '../kernel/time.js';
import { verdictOf, type Verdict } from '../runner/run-held.js';
import type { RunResult } from '../runner/run-scenario.js';
import type { MetricInfo } from '../scenario/scenario.js';
import { formatMetric, formatNumber, formatParam, sameValue } from './format.js';
import { plainPalette, type Palette } from './palette.js';

export interface TextReportOptions {
  /** The document the scenario comes from (scenario.source). */
  readonly source?: string | undefined;
  /** Labels and units of the metrics (scenario.metricInfo). */
  readonly metricInfo?: Readonly<Record<string, MetricInfo | undefined>> | undefined;
  /** The scenario's default parameters: values that differ are marked with "*". */
  readonly defaults?: Readonly<Record<string, unknown>> | undefined;
  /** The command that repeats this run (see replayCommand). */
  readonly replay?: string | undefined;
  readonly palette?: Palette | undefined;
  /** Timeline lines shown before "... N more" (default 60; --json has them all). */
  readonly timelineLimit?: number | undefined;
  /** Line width the params wrap at (default 78). */
  readonly width?: number | undefined;
}

/** The human report of one run. Pure: the same result and options give the same text. */
export function textReport(result: RunResult, options: TextReportOptions = {}): string {
  const p = options.palette ?? plainPalette;
  const sections = [
    header(result, options, p),
    notes(result, p),
    timeline(result, options.timelineLimit ?? 60, p),
    impact(result, options.metricInfo ?? {}, p),
    claims(result, p),
    invariants(result, p),
    footer(result, options.replay, p),
  ];
  return sections.filter((s) => s !== '').join('\n\n') + '\n';
}

function header(r: RunResult, o: TextReportOptions, p: Palette): string {
  const lines = [`${p.bold(r.scenario)}  ${r.title}`];
  const row = (key: string, value: string) => lines.push(`  ${p.dim(key.padEnd(8))} ${value}`);
  if (o.source) row('source', o.source);
  row('seed', String(r.seed));
  row('horizon', formatTime(r.untilMs * US_PER_MS));
  const params = Object.entries(r.params).filter(([, v]) => v !== undefined).map(([k, v]) => {
    const changed = o.defaults !== undefined && k in o.defaults && !sameValue(v, o.defaults[k]);
    const text = `${k}=${formatParam(v)}`;
    return { text: changed ? `${text}*` : text, styled: changed ? p.bold(`${text}*`) : text };
  });
  wrap(params, (o.width ?? 78) - 11).forEach((line, i) => row(i === 0 ? 'params' : '', line));
  if (params.length === 0) row('params', p.dim('none'));
  if (r.faults.length === 0) row('faults', p.dim('none'));
  r.faults.forEach((f, i) => {
    const at = typeof f.at === 'number' ? formatTime(f.at * US_PER_MS) : f.at;
    row(i === 0 ? 'faults' : '', `${at} ${f.target} ${f.kind}${f.params ? ` ${JSON.stringify(f.params)}` : ''}`);
  });
  return lines.join('\n');
}

/** Packs words into lines of at most `width` visible characters. */
export function wrap(words: readonly { text: string; styled: string }[], width: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let len = 0;
  for (const w of words) {
    if (line.length > 0 && len + 2 + w.text.length > width) { lines.push(line.join('  ')); line = []; len = 0; }
    len += (line.length > 0 ? 2 : 0) + w.text.length;
    line.push(w.styled);
  }
  if (line.length > 0) lines.push(line.join('  '));
  return lines;
}

function notes(r: RunResult, p: Palette): string {
  if (r.notes.length === 0) return '';
  return [p.bold('notes'), ...r.notes.map((n) => `  ${p.yellow('!')} ${indentMore(n, 4)}`)].join('\n');
}

function timeline(r: RunResult, limit: number, p: Palette): string {
  if (r.timeline.length === 0) return '';
  const shown = r.timeline.slice(0, limit);
  const times = shown.map((e) => formatTime(e.tMs * US_PER_MS));
  const tWidth = Math.max(...times.map((t) => t.length));
  const sWidth = Math.min(24, Math.max(...shown.map((e) => e.source.length)));
  const lines = shown.map((e, i) => `  ${p.dim(times[i]!.padStart(tWidth))}  ${p.cyan(e.source.padEnd(sWidth))}  ${indentMore(e.text, 6 + tWidth + sWidth)}`);
  if (r.timeline.length > limit) lines.push(p.dim(`  ... ${r.timeline.length - limit} more (sim run ... --json has them all)`));
  return [p.bold('timeline'), ...lines].join('\n');
}

function impact(r: RunResult, info: Readonly<Record<string, MetricInfo | undefined>>, p: Palette): string {
  const rows = Object.entries(r.metrics).map(([name, value]) => ({
    label: info[name]?.label ?? name,
    value: formatMetric(value, info[name]?.unit),
  }));
  if (rows.length === 0) return '';
  const lWidth = Math.max(...rows.map((x) => x.label.length));
  const vWidth = Math.max(...rows.map((x) => x.value.length));
  return [p.bold('impact'), ...rows.map((x) => `  ${x.label.padEnd(lWidth)}  ${x.value.padStart(vWidth)}`)].join('\n');
}

function claims(r: RunResult, p: Palette): string {
  if (r.claims.length === 0) return '';
  const lines = [p.bold('claims')];
  for (const c of r.claims) {
    const mark = verdictMark(verdictOf(c), p);
    lines.push(`  ${mark}  ${c.name}${c.detail ? `: ${indentMore(c.detail, 8)}` : ''}`);
    if (c.source) lines.push(`        ${p.dim(c.source)}`);
  }
  return lines.join('\n');
}

function invariants(r: RunResult, p: Palette): string {
  if (r.invariants.length === 0) return '';
  const lines = [p.bold('invariants')];
  for (const i of r.invariants) {
    const mark = verdictMark(verdictOf(i), p);
    lines.push(`  ${mark}  ${i.name} ${p.dim(`(${i.kind})`)}: ${indentMore(i.detail, 8)}`);
  }
  const fired = Object.entries(r.coverage.faults).map(([k, n]) => `${k} x${n}`);
  const reached = Object.entries(r.coverage.reached).filter(([, n]) => n > 0).map(([k]) => k);
  lines.push(`  ${p.dim('faults fired')}  ${fired.length === 0 ? p.yellow('none') : fired.join(', ')}`);
  if (Object.keys(r.coverage.reached).length > 0) lines.push(`  ${p.dim('reached')}       ${reached.length === 0 ? p.dim('none of the paths of interest') : indentMore(reached.join('; '), 16)}`);
  return lines.join('\n');
}

function footer(r: RunResult, replay: string | undefined, p: Palette): string {
  const lines = [
    `${p.dim('digest')} ${r.digest}  ${p.dim('events')} ${formatNumber(r.events)}  ${p.dim('trace records')} ${formatNumber(r.traceRecords)}`,
  ];
  if (replay) lines.push(`${p.dim('replay:')} ${replay}`);
  lines.push(verdict(r, p));
  return lines.join('\n');
}

/** PASS, FAIL or NOT REACHED, in the report's column (NOT REACHED is wider; the text after it still reads). */
function verdictMark(v: Verdict, p: Palette): string {
  return v === 'pass' ? p.green('PASS') : v === 'fail' ? p.red(p.bold('FAIL')) : p.yellow(p.bold('NOT REACHED'));
}

/**
 * The last line: did every claim hold? Violated invariants, and claims and
 * invariants the run ended too soon to judge, are added to it. A run with
 * any "not reached" is no PASS (exit 1): FAIL if something failed, else
 * NOT REACHED.
 */
export function verdict(r: Pick<RunResult, 'claims'> & Partial<Pick<RunResult, 'invariants'>>, p: Palette = plainPalette): string {
  const claimVerdicts = r.claims.map(verdictOf), invariantVerdicts = (r.invariants ?? []).map(verdictOf);
  const count = (vs: Verdict[], v: Verdict) => vs.filter((x) => x === v).length;
  const n = r.claims.length, m = invariantVerdicts.length;
  const failed = count(claimVerdicts, 'fail'), broken = count(invariantVerdicts, 'fail');
  const claimsUnreached = count(claimVerdicts, 'not reached');
  const unreached = claimsUnreached + count(invariantVerdicts, 'not reached');
  const parts = [
    ...(failed > 0 ? [`${failed} of ${n} claim${n === 1 ? '' : 's'} failed`] : []),
    ...(broken > 0 ? [`${broken} of ${m} invariant${m === 1 ? '' : 's'} violated`] : []),
    ...(unreached > 0 ? [`${unreached} of ${n + m} claims and invariants not reached (the run ended too soon to judge them)`] : []),
  ];
  if (parts.length === 0) return n === 0 ? `result: ${p.dim('no claims to check')}` : `result: ${p.green(p.bold('PASS'))}, ${n === 1 ? 'the claim' : `all ${n} claims`} held`;
  const word = failed + broken > 0 ? p.red(p.bold('FAIL')) : p.yellow(p.bold('NOT REACHED'));
  const held = failed === 0 && claimsUnreached === 0 && n > 0 ? [`${n === 1 ? 'the claim' : `all ${n} claims`} held`] : [];
  return `result: ${word}, ${[...held, ...parts].join(', ')}`;
}

/** Keeps a multi-line text inside its column. */
function indentMore(text: string, by: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(by)}`);
}
