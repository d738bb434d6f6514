/**
 * Did a change move a scenario's distributions? Compares two sweeps' run
 * records (before and after the change, each from `sim sweep ... --out`):
 *
 *   npx tsc && node dist/bench/distributions.js BEFORE.ndjson AFTER.ndjson [--metric m ...] [--permutations N]
 *
 * e.g. after `sim sweep scenario-a --runs 500 --set replication=sync --out after.ndjson`:
 *   node dist/bench/distributions.js /tmp/failsim/before/scenario-a-sync.ndjson after.ndjson --metric writeDowntimeMs
 *
 * Per metric (all of them unless --metric, repeatable or a,b,c): runs with a
 * finite value before/after, mean, p50 and p95 (nearest rank) before/after,
 * the Kolmogorov-Smirnov D and its permutation p-value (src/stats/two-sample.ts;
 * valid with ties), and Kolmogorov's continuous-data p-value where there are
 * no ties. Then every claim and invariant: pass rate before/after and Fisher's
 * exact p-value. Per-seed values may all differ (a change that reorders
 * events or random draws moves every run); only the distributions must not.
 *
 * It is a report: it exits 0 whatever the p-values (2 only for bad usage or
 * an unreadable file). With many rows some small p-values are expected by
 * chance: below 0.05/rows (Bonferroni) is a signal worth a second sweep.
 */
import { readRecords } from '../src/sweep/record-file.js';
import { byIndex, commonRun, metricNames, metricValues } from '../src/stats/records.js';
import { canonicalJson, differingKeys } from '../src/records/identity.js';
import type { RunRecord } from '../src/records/run-record.js';
import { fisherExact, ksTwoSample, KS_PERMUTATIONS, mean, quantile } from '../src/stats/index.js';
import { table, type Row } from './stats.js';

interface Options {
  readonly before: string;
  readonly after: string;
  readonly metrics: readonly string[];
  readonly permutations: number;
}

const USAGE = 'usage: node dist/bench/distributions.js BEFORE.ndjson AFTER.ndjson [--metric m ...] [--permutations N]';

function parseArgs(argv: readonly string[]): Options {
  const files: string[] = [];
  const metrics: string[] = [];
  let permutations = KS_PERMUTATIONS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--metric') metrics.push(...(argv[++i] ?? '').split(',').filter((m) => m !== ''));
    else if (a === '--permutations') permutations = Number(argv[++i]);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 2) throw new Error('expected two run-record files');
  if (!Number.isInteger(permutations) || permutations < 1) throw new Error('--permutations: expected a positive integer');
  return { before: files[0]!, after: files[1]!, metrics, permutations };
}

function readSweep(file: string): RunRecord[] {
  const records: RunRecord[] = [];
  readRecords(file, { dropTruncatedLast: false, what: 'run records' }, (r) => records.push(r));
  return byIndex(records, file);
}

function num(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(Math.abs(x) >= 100 ? 1 : 3);
}

function pValue(p: number | null): string {
  if (p === null || Number.isNaN(p)) return '-';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

function describeSweep(label: string, file: string, records: readonly RunRecord[]): string {
  const seeds = records.map((r) => r.seed);
  return `${label}: ${file} (${records[0]!.scenario}, ${records.length} runs, seeds ${Math.min(...seeds)}..${Math.max(...seeds)})`;
}

function metricRow(name: string, before: readonly RunRecord[], after: readonly RunRecord[], permutations: number): Row {
  const a = metricValues(before, name);
  const b = metricValues(after, name);
  const stats = (xs: number[]) => (xs.length === 0 ? ['-', '-', '-'] : [num(mean(xs)), num(quantile(xs, 50)), num(quantile(xs, 95))]);
  const [meanA, p50A, p95A] = stats(a);
  const [meanB, p50B, p95B] = stats(b);
  const ks = a.length > 0 && b.length > 0 ? ksTwoSample(a, b, { permutations }) : undefined;
  return [name, String(a.length), String(b.length), meanA!, meanB!, p50A!, p50B!, p95A!, p95B!,
    ks === undefined ? '-' : ks.d.toFixed(3), pValue(ks?.pPermutation ?? null), pValue(ks?.pAsymptotic ?? null)];
}

type OutcomeKind = 'claim' | 'invariant';

/** Names of claims or invariants in first-seen order, over both sweeps. */
function outcomeNames(kind: OutcomeKind, sweeps: readonly (readonly RunRecord[])[]): string[] {
  const names = new Set<string>();
  for (const records of sweeps) for (const r of records) for (const o of (kind === 'claim' ? r.claims : r.invariants) ?? []) names.add(o.name);
  return [...names];
}

function tally(records: readonly RunRecord[], kind: OutcomeKind, name: string): { passed: number; runs: number } {
  let passed = 0, runs = 0;
  for (const r of records) {
    const o = ((kind === 'claim' ? r.claims : r.invariants) ?? []).find((x) => x.name === name);
    if (o === undefined) continue;
    runs++;
    if (o.pass) passed++;
  }
  return { passed, runs };
}

function outcomeRows(before: readonly RunRecord[], after: readonly RunRecord[]): Row[] {
  const rows: Row[] = [];
  for (const kind of ['claim', 'invariant'] as const) {
    for (const name of outcomeNames(kind, [before, after])) {
      const a = tally(before, kind, name);
      const b = tally(after, kind, name);
      const rate = (t: { passed: number; runs: number }) => (t.runs === 0 ? '-' : `${t.passed}/${t.runs} (${((100 * t.passed) / t.runs).toFixed(1)}%)`);
      const p = a.runs > 0 && b.runs > 0 ? fisherExact(a.passed, a.runs, b.passed, b.runs) : null;
      rows.push([`${kind}: ${name}`, rate(a), rate(b), pValue(p)]);
    }
  }
  return rows;
}

/** A line saying how the two sweeps' scenario or parameters differ, or none when they agree. */
function configurationNote(before: readonly RunRecord[], after: readonly RunRecord[]): string[] {
  const a = commonRun(before, 'before'), b = commonRun(after, 'after');
  if (a.scenario !== b.scenario) return [`note: different scenarios (${a.scenario} vs ${b.scenario})`];
  if (canonicalJson(a.params) === canonicalJson(b.params)) return [];
  const keys = differingKeys(a.params, b.params).sort();
  return [`note: parameters differ: ${keys.map((k) => `${k}=${canonicalJson(a.params[k])} vs ${canonicalJson(b.params[k])}`).join(', ')}`];
}

function report(o: Options): string {
  const before = readSweep(o.before), after = readSweep(o.after);
  const metrics = o.metrics.length > 0 ? o.metrics : [...new Set([...metricNames(before), ...metricNames(after)])];
  const metricTable = table(
    ['metric', 'n before', 'n after', 'mean before', 'mean after', 'p50 before', 'p50 after', 'p95 before', 'p95 after', 'KS D', `p perm (${o.permutations})`, 'p asymp'],
    metrics.map((m) => metricRow(m, before, after, o.permutations)),
  );
  const outcomes = outcomeRows(before, after);
  const outcomeTable = table(['claim or invariant', 'pass before', 'pass after', 'p Fisher'], outcomes);
  const tests = metrics.length + outcomes.length;
  return [
    describeSweep('before', o.before, before), describeSweep('after ', o.after, after), ...configurationNote(before, after), '',
    metricTable, '', outcomeTable, '',
    `${tests} tests: by chance alone about ${(tests * 0.05).toFixed(1)} would fall below 0.05; below ${(0.05 / tests).toPrecision(2)} (0.05/${tests}, Bonferroni) is a signal.`,
    "p asymp: Kolmogorov's continuous-data p-value, '-' where values tie (it is then too large); p perm is valid either way.",
  ].join('\n');
}

function main(argv: readonly string[]): number {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    console.log(report(options));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
