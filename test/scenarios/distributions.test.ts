import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/io/catalogue.js';
import { runScenario, type RunResult } from '../../src/runner/run-scenario.js';
import { fisherExact, ksTwoSample } from '../../src/stats/index.js';

/**
 * A change that reorders events or random draws (issue 13: fewer events per
 * request) moves every seed's numbers, so goldens cannot tell whether it
 * kept the model. This keeps a smaller version of issue 13's 500-vs-500
 * comparison: fresh seeds of today's code against a baseline of seeds
 * 1..500 (test/fixtures/distributions-before.json, commit 067158c), metric
 * by metric with the two-sample Kolmogorov-Smirnov permutation test, and
 * every claim's and invariant's pass rate with Fisher's exact test. The full
 * comparison: `node dist/bench/distributions.js BEFORE.ndjson AFTER.ndjson`.
 * The fixture is rebuilt from sweep files by bench/distributions-fixture.ts.
 *
 * False alarms: each p-value is valid (P(p <= 0.001) <= 0.001 when nothing
 * changed; Fisher's is conservative), so over the 31 metric and pass-rate
 * tests below at most 31 × 0.001 = 3.1% of unchanged-distribution seed sets
 * fail (union bound). In fact under 1%: only 7 tests look at values that
 * vary (Scenario A's three sync metrics, ackedWritesLost, flux-kafka-down's
 * acceptedOrdersLost, async's two lost-write pass rates); the others are
 * constant over the 500 baseline runs, where p < 0.001 needs at least three
 * fresh runs off the constant, which a rate at or under 1/500 almost never
 * gives in 40 runs. The price is power: 25 fresh runs against 500 catch a
 * normal metric's shift of 1.2 SD nearly always but of 0.8 SD only half the
 * time, and the async lost-write pass rate (81%) only if it falls under 50%;
 * the bench over 500 runs before and after is the real check.
 */
const P_MIN = 0.001;
const FIRST_FRESH_SEED = 10_001; // the baseline is seeds 1..500: disjoint
/** About 11 s of scenario-a (2 × 25 × 0.22 s) and 8 s of flux (2 × 40 × 0.1 s) at today's speed. */
const FRESH_RUNS: Record<string, number> = { 'scenario-a': 25, 'flux-kafka-down': 40, 'flux-worker-crash': 40 };

interface BaselineOutcome {
  readonly kind: 'claim' | 'invariant';
  readonly name: string;
  /** One character per baseline seed: '1' passed, '0' failed. */
  readonly pass: string;
}

interface BaselineConfiguration {
  readonly name: string;
  readonly scenario: string;
  /** The sweep's --set overrides: the fresh runs use the same. */
  readonly set: Record<string, unknown>;
  /** Every parameter the baseline ran with (defaults included). */
  readonly params: Record<string, unknown>;
  readonly seeds: { readonly first: number; readonly last: number };
  /** Per seed, in seed order; null where the run had no finite value. */
  readonly metrics: Record<string, readonly (number | null)[]>;
  readonly outcomes: readonly BaselineOutcome[];
}

const BASELINE = (JSON.parse(readFileSync(new URL('../fixtures/distributions-before.json', import.meta.url), 'utf8')) as { configurations: BaselineConfiguration[] }).configurations;

const finite = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));

function freshOutcome(r: RunResult, o: BaselineOutcome): boolean {
  const found = (o.kind === 'claim' ? r.claims : r.invariants).find((x) => x.name === o.name);
  if (found === undefined) throw new Error(`seed ${r.seed}: no ${o.kind} "${o.name}" (renamed or removed? then rebuild the fixture)`);
  return found.pass;
}

describe.each(BASELINE.map((c) => [c.name, c] as const))('%s: fresh seeds have the baseline distributions', (_name, config) => {
  const runs = FRESH_RUNS[config.scenario] ?? 25;
  const seeds = Array.from({ length: runs }, (_, i) => FIRST_FRESH_SEED + i);
  let fresh: RunResult[] = [];

  beforeAll(async () => {
    const entry = CATALOGUE.find((e) => e.id === config.scenario);
    if (entry === undefined) throw new Error(`no scenario ${config.scenario}`);
    const scenario = await entry.load();
    fresh = seeds.map((seed) => runScenario(scenario, { seed, params: config.set }));
  });

  it('runs the baseline configuration on seeds it never saw', () => {
    expect(seeds[0]!).toBeGreaterThan(config.seeds.last);
    // New parameters may appear; the baseline's own must keep their values, or the comparison is of unlike runs.
    expect(fresh[0]!.params).toMatchObject(config.params);
  });

  it.each(Object.keys(config.metrics))('%s: same distribution (KS permutation p > 0.001), as often finite', (metric) => {
    const before = config.metrics[metric]!;
    const after = fresh.map((r) => r.metrics[metric] ?? null);
    const a = finite(before), b = finite(after);
    expect(fisherExact(a.length, before.length, b.length, after.length), 'share of runs with a finite value').toBeGreaterThan(P_MIN);
    if (a.length === 0 || b.length === 0) return;
    const ks = ksTwoSample(a, b);
    expect(ks.pPermutation, `D = ${ks.d.toFixed(3)} over ${a.length} baseline and ${b.length} fresh runs`).toBeGreaterThan(P_MIN);
  });

  it.each(config.outcomes.map((o) => [`${o.kind} "${o.name}"`, o] as const))('%s: same pass rate (Fisher p > 0.001)', (_label, o) => {
    const passedBefore = [...o.pass].filter((c) => c === '1').length;
    const passedAfter = fresh.filter((r) => freshOutcome(r, o)).length;
    const p = fisherExact(passedBefore, o.pass.length, passedAfter, fresh.length);
    expect(p, `${passedBefore}/${o.pass.length} before, ${passedAfter}/${fresh.length} now`).toBeGreaterThan(P_MIN);
  });
});
