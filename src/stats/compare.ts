import type { RandomStream } from '../kernel/rng.js';
import type { MetricInfo } from '../scenario/scenario.js';
import type { RunRecord } from '../records/run-record.js';
import { summarizeClaim, type ClaimSummary } from './claim-summary.js';
import { meanCi95, type MeanCi } from './mean-ci.js';
import { finiteOrNull } from './metric-summary.js';
import { mean, sampleSd } from './moments.js';
import { byIndex, claimNames, claimTally, commonRun, metricNames } from './records.js';
import { resampleStream } from './resample-stream.js';
import type { MetricUnit } from './summary.js';
import { selectMetricNames } from './verdict.js';

/**
 * One metric in two configurations run on the same seeds. Both means are
 * over the same pairs (runs where the metric is finite in A and in B), so
 * meanB - meanA is exactly `difference.mean`. Pairing cancels the noise the
 * two runs of a seed share (the same arrivals, the same fault timing), so
 * the interval of the paired difference is usually far tighter than two
 * separate intervals would suggest.
 */
export interface PairedMetric {
  readonly n: number;
  readonly meanA: number | null;
  readonly meanB: number | null;
  /**
   * B - A per seed: its mean, sample sd and the 95% CI of the mean, with
   * how that was computed and what it rests on (see MeanCi; events here
   * are the pairs whose difference is not the most common one, usually 0).
   */
  readonly difference: { readonly mean: number | null; readonly sd: number | null } & MeanCi;
  readonly unit?: MetricUnit;
}

/** A claim in both configurations; null on a side that does not check it. */
export interface PairedClaim {
  readonly a: ClaimSummary | null;
  readonly b: ClaimSummary | null;
  /** Seeds where the claim held only in A (B broke it) and only in B (B fixed it). */
  readonly heldOnlyInA: number;
  readonly heldOnlyInB: number;
}

export interface Comparison {
  readonly scenario: { readonly a: string; readonly b: string };
  readonly runs: number;
  readonly seeds: { readonly first: number; readonly last: number };
  readonly params: { readonly a: Record<string, unknown>; readonly b: Record<string, unknown> };
  readonly metrics: Record<string, PairedMetric>;
  readonly claims: Record<string, PairedClaim>;
}

export interface CompareOptions {
  /** The scenario's metricInfo, so units reach the report. */
  readonly metricInfo?: Readonly<Record<string, MetricInfo | undefined>>;
  /** Only these metrics, in this order (`--metric`); all when absent or empty. */
  readonly metrics?: readonly string[];
}

/**
 * Compares two sweeps run on the same seeds (e.g. without and with a
 * mitigation), run by run. Throws when the runs do not pair up: a different
 * set of run indexes, or another seed behind the same index, would compare
 * unlike runs.
 */
export function comparePaired(a: readonly RunRecord[], b: readonly RunRecord[], options: CompareOptions = {}): Comparison {
  const sa = byIndex(a, 'comparison, side a');
  const sb = byIndex(b, 'comparison, side b');
  checkPairs(sa, sb);
  const ra = commonRun(sa, 'comparison, side a');
  const rb = commonRun(sb, 'comparison, side b');
  const info = options.metricInfo ?? {};

  const names = selectMetricNames([...new Set([...metricNames(sa), ...metricNames(sb)])], options.metrics);
  const metrics = names.map((name): [string, PairedMetric] => [name, pairMetric(sa, sb, name, info[name]?.unit, resampleStream(sa, 'paired', name))]);
  const claimList = [...new Set([...claimNames(sa), ...claimNames(sb)])];
  const claims = claimList.map((name): [string, PairedClaim] => [name, pairClaim(sa, sb, name)]);

  return {
    scenario: { a: ra.scenario, b: rb.scenario },
    runs: sa.length,
    seeds: { first: sa[0]!.seed, last: sa[sa.length - 1]!.seed },
    params: { a: ra.params, b: rb.params },
    metrics: Object.fromEntries(metrics),
    claims: Object.fromEntries(claims),
  };
}

function checkPairs(sa: readonly RunRecord[], sb: readonly RunRecord[]): void {
  const inB = new Set(sb.map((r) => r.index));
  const inA = new Set(sa.map((r) => r.index));
  const onlyA = sa.filter((r) => !inB.has(r.index)).map((r) => r.index);
  const onlyB = sb.filter((r) => !inA.has(r.index)).map((r) => r.index);
  if (onlyA.length > 0 || onlyB.length > 0) {
    const list = (xs: number[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? `, ... (${xs.length} in all)` : '');
    const parts = [onlyA.length > 0 ? `only in a: ${list(onlyA)}` : '', onlyB.length > 0 ? `only in b: ${list(onlyB)}` : ''].filter((x) => x !== '');
    throw new Error(`comparison: the runs do not pair up by index (${parts.join('; ')}); compare sweeps over the same runs`);
  }
  sa.forEach((r, i) => {
    const o = sb[i]!;
    if (r.seed !== o.seed) throw new Error(`comparison: run ${r.index} has seed ${r.seed} in a but ${o.seed} in b; pair sweeps started from the same seed`);
  });
}

function pairMetric(sa: readonly RunRecord[], sb: readonly RunRecord[], name: string, unit: MetricUnit | undefined, rng: RandomStream): PairedMetric {
  const xs: number[] = [], ys: number[] = [], ds: number[] = [];
  sa.forEach((r, i) => {
    const x = r.metrics[name], y = sb[i]!.metrics[name];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return;
    xs.push(x);
    ys.push(y);
    ds.push(y - x);
  });
  const m: PairedMetric = {
    n: ds.length,
    meanA: finiteOrNull(mean(xs)),
    meanB: finiteOrNull(mean(ys)),
    difference: { mean: finiteOrNull(mean(ds)), sd: finiteOrNull(sampleSd(ds)), ...meanCi95(ds, rng) },
  };
  return unit === undefined ? m : { ...m, unit };
}

function pairClaim(sa: readonly RunRecord[], sb: readonly RunRecord[], name: string): PairedClaim {
  const side = (s: readonly RunRecord[]): ClaimSummary | null => {
    const t = claimTally(s, name);
    return t.runs === 0 ? null : summarizeClaim(t.passed, t.runs);
  };
  let heldOnlyInA = 0, heldOnlyInB = 0;
  sa.forEach((r, i) => {
    const x = r.claims.find((c) => c.name === name), y = sb[i]!.claims.find((c) => c.name === name);
    if (x === undefined || y === undefined) return;
    if (x.pass && !y.pass) heldOnlyInA++;
    if (!x.pass && y.pass) heldOnlyInB++;
  });
  return { a: side(sa), b: side(sb), heldOnlyInA, heldOnlyInB };
}
