import type { Outcome, RunRecord } from '../records/run-record.js';

/** A claim or invariant that failed in some runs of a sweep, and the first of those runs' seeds (to replay them). */
export interface FailingSeeds {
  readonly name: string;
  readonly kind: 'claim' | 'invariant';
  readonly failedRuns: number;
  /** Runs that checked it. */
  readonly runs: number;
  /** The seeds of the first failing runs by run index, at most the limit. */
  readonly seeds: number[];
  /** `sim run` commands that repeat those runs, one per seed (when the caller can name the scenario). */
  readonly replay?: string[];
}

/** How many failing seeds a sweep summary names for each claim and invariant. */
export const FAILING_SEEDS_SHOWN = 3;

interface Tally {
  failedRuns: number;
  runs: number;
  readonly seeds: number[];
}

function tally(sorted: readonly RunRecord[], outcomes: (r: RunRecord) => readonly Outcome[] | undefined, limit: number): Map<string, Tally> {
  const byName = new Map<string, Tally>();
  for (const r of sorted) {
    for (const o of outcomes(r) ?? []) {
      let t = byName.get(o.name);
      if (t === undefined) byName.set(o.name, (t = { failedRuns: 0, runs: 0, seeds: [] }));
      t.runs++;
      if (o.pass) continue;
      t.failedRuns++;
      if (t.seeds.length < limit) t.seeds.push(r.seed);
    }
  }
  return byName;
}

/**
 * Every claim, then every invariant, that failed in at least one run, in the
 * order they first appear over runs sorted by index (the scenario's order),
 * each with the seeds of its first failing runs.
 */
export function failingSeeds(sorted: readonly RunRecord[], limit = FAILING_SEEDS_SHOWN): FailingSeeds[] {
  const out: FailingSeeds[] = [];
  const add = (kind: FailingSeeds['kind'], tallies: Map<string, Tally>): void => {
    for (const [name, t] of tallies) if (t.failedRuns > 0) out.push({ name, kind, failedRuns: t.failedRuns, runs: t.runs, seeds: t.seeds });
  };
  add('claim', tally(sorted, (r) => r.claims, limit));
  add('invariant', tally(sorted, (r) => r.invariants, limit));
  return out;
}
