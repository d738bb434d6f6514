import { canonicalJson, differingKeys } from '../records/identity.js';
import type { RunRecord } from '../records/run-record.js';

/**
 * Records sorted by run index, so everything computed from them (sums
 * included, whose last bits depend on order) is the same however the sweep
 * was sharded, merged or read back. A repeated index means two shards
 * overlapped: counting both would weigh one seed twice, so it is an error.
 */
export function byIndex(records: readonly RunRecord[], what = 'records'): RunRecord[] {
  const sorted = [...records].sort((a, b) => a.index - b.index);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.index === sorted[i - 1]!.index) throw new Error(`${what}: run index ${sorted[i]!.index} appears more than once (overlapping shards?)`);
  }
  return sorted;
}

/** The one scenario and parameter set the records share; a summary of mixed runs would average unlike things. */
export function commonRun(sorted: readonly RunRecord[], what = 'records'): { scenario: string; params: Record<string, unknown> } {
  const first = sorted[0];
  if (first === undefined) throw new Error(`${what}: no runs to summarize`);
  const params = canonicalJson(first.params);
  for (const r of sorted) {
    if (r.scenario !== first.scenario) throw new Error(`${what}: runs of different scenarios (run ${first.index} is ${first.scenario}, run ${r.index} is ${r.scenario})`);
    if (canonicalJson(r.params) !== params) {
      throw new Error(`${what}: runs with different parameters (run ${first.index} and run ${r.index}: ${paramDiff(first.params, r.params)})`);
    }
  }
  return { scenario: first.scenario, params: first.params };
}

function paramDiff(a: Record<string, unknown>, b: Record<string, unknown>): string {
  return differingKeys(a, b).sort().map((k) => `${k}=${canonicalJson(a[k])} vs ${canonicalJson(b[k])}`).join(', ');
}

/** Metric names in the order they first appear (the scenario's order), over runs sorted by index. */
export function metricNames(sorted: readonly RunRecord[]): string[] {
  const names = new Set<string>();
  for (const r of sorted) for (const k of Object.keys(r.metrics)) names.add(k);
  return [...names];
}

export function claimNames(sorted: readonly RunRecord[]): string[] {
  const names = new Set<string>();
  for (const r of sorted) for (const c of r.claims) names.add(c.name);
  return [...names];
}

/** A metric's finite values over the runs, in run order; null (NaN or infinite in the run) and absent are left out. */
export function metricValues(sorted: readonly RunRecord[], name: string): number[] {
  const out: number[] = [];
  for (const r of sorted) {
    const v = r.metrics[name];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** How many runs checked a claim and how many of those it held in. */
export function claimTally(sorted: readonly RunRecord[], name: string): { passed: number; runs: number } {
  let passed = 0, runs = 0;
  for (const r of sorted) {
    const c = r.claims.find((x) => x.name === name);
    if (c === undefined) continue;
    runs++;
    if (c.pass) passed++;
  }
  return { passed, runs };
}
