/**
 * Per-run values of the closed-form examples, for coverage.test.ts: 40,000
 * runs (seeds 1..40,000) of each, too many to run in a test (about three
 * minutes), so they are run once and kept in coverage-runs.json.gz. The
 * test re-runs a sample of seeds live and fails if the cache no longer
 * matches the models. After changing an example or a model it uses:
 *
 *   npx tsx test/stats/coverage-runs.ts
 *
 * Values are kept as whole multiples of a step of about 1/50 of the
 * run-to-run standard deviation (from `origin`, in `direction`), exact at
 * the origin (100%: a run with no outage): that keeps the file near 200 kB,
 * and moves a 30-run mean by about 1/1000 of its interval's half-width.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import single from '../../examples/availability/single-component.js';
import kOfN from '../../examples/availability/k-of-n.js';
import mmc from '../../examples/availability/mmc-queue.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import type { AnyScenario } from '../../src/scenario/scenario.js';
import { kOfNAvailability } from './closed-form-values.js';

const HOUR_MS = 3_600_000;
/** Runs per case: 200 sweeps of 200 runs. */
export const CACHED_RUNS = 40_000;
const FILE = fileURLToPath(new URL('./coverage-runs.json.gz', import.meta.url));

export interface CoverageCase {
  readonly id: string;
  readonly scenario: AnyScenario;
  readonly params: Record<string, unknown>;
  readonly metric: string;
  /** The closed form the mean estimates, in the metric's unit. */
  readonly exact: number;
  /** value = origin + direction * q * step, q the cached whole number. */
  readonly origin: number;
  readonly direction: 1 | -1;
  readonly step: number;
}

export const CASES: readonly CoverageCase[] = [
  // The example's defaults: MTTF 1,000 h, MTTR 10 h, ten years.
  { id: 'single component', scenario: single, params: {}, metric: 'availabilityPct', exact: (100 * 1000) / 1010, origin: 100, direction: -1, step: 0.002 },
  // 100 component cycles a run: the start with every component up biases a run by a tenth of a 200-run standard error.
  { id: '2-of-3 at p = 0.9', scenario: kOfN, params: { mttfMs: 9 * HOUR_MS, mttrMs: HOUR_MS, horizonMs: 1000 * HOUR_MS, traceComponents: false }, metric: 'systemAvailabilityPct', exact: 100 * kOfNAvailability(3, 2, 0.9), origin: 100, direction: -1, step: 0.01 },
  // The example's defaults (MTTF 999 h, MTTR 1 h, ten years): 60% of runs see no outage at all.
  { id: '2-of-3 at p = 0.999', scenario: kOfN, params: { traceComponents: false }, metric: 'systemAvailabilityPct', exact: 100 * kOfNAvailability(3, 2, 0.999), origin: 100, direction: -1, step: 1e-5 },
  // L, the time-average number in the system: unbiased after the warm-up (10 relaxation times), unlike the
  // ratio waited/arrivals, whose O(1/customers) bias is 0.4 of a 200-run standard error with 400 customers.
  { id: 'M/M/3 at offered load 2', scenario: mmc, params: { warmupMs: 100_000, horizonMs: 300_000 }, metric: 'meanInSystem', exact: 26 / 9, origin: 0, direction: 1, step: 0.01 },
];

/** The metric of one run of a case, measured now. */
export function runCase(c: CoverageCase, seed: number): number {
  return runScenario(c.scenario, { seed, params: c.params }).metrics[c.metric]!;
}

export function decode(c: CoverageCase, q: number): number {
  return c.origin + c.direction * q * c.step;
}

/** Case id -> the cached values of seeds 1..CACHED_RUNS, in seed order. */
export function loadCachedRuns(): Map<string, number[]> {
  const doc = JSON.parse(gunzipSync(readFileSync(FILE)).toString('utf8')) as { cases: Record<string, number[]> };
  return new Map(CASES.map((c) => [c.id, (doc.cases[c.id] ?? []).map((q) => decode(c, q))]));
}

function regenerate(): void {
  const cases: Record<string, number[]> = {};
  for (const c of CASES) {
    const q: number[] = [];
    for (let seed = 1; seed <= CACHED_RUNS; seed++) q.push(Math.round(c.direction * (runCase(c, seed) - c.origin) / c.step));
    cases[c.id] = q;
    console.log(`${c.id}: ${CACHED_RUNS} runs`);
  }
  const doc = { about: 'per-run values for test/stats/coverage.test.ts; see test/stats/coverage-runs.ts', runs: CACHED_RUNS, cases };
  writeFileSync(FILE, gzipSync(JSON.stringify(doc), { level: 9 }));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) regenerate();
