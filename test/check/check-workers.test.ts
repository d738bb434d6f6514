/**
 * `sim check` on worker threads (the built code: workers load dist) gives
 * what the single-thread search gives, whatever the number of workers.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckOutcome } from '../../src/check/check-loop.js';
import type * as CheckAsync from '../../src/check/check-async.js';
import type { CheckOptions } from '../../src/check/check-outcome.js';
import type * as CheckPoolModule from '../../src/sweep/check-pool.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import type { AnyScenario } from '../../src/scenario/scenario.js';
import { resolveParams } from '../../src/scenario/settings.js';
import { ensureBuilt, ROOT } from '../cli/sim.js';

const FIXTURE = 'test/check/check-fixture.mjs';
let built: { runCheckAsync: typeof CheckAsync.runCheckAsync; CheckPool: typeof CheckPoolModule.CheckPool };
let scenario: AnyScenario;

const load = async <T>(file: string) => (await import(pathToFileURL(join(ROOT, file)).href)) as T;

beforeAll(async () => {
  ensureBuilt();
  built = {
    runCheckAsync: (await load<typeof CheckAsync>('dist/src/check/check-async.js')).runCheckAsync,
    CheckPool: (await load<typeof CheckPoolModule>('dist/src/sweep/check-pool.js')).CheckPool,
  };
  scenario = (await load<{ default: AnyScenario }>(FIXTURE)).default;
});

/** `sim check` as the CLI runs it: the fixture on `workers` threads of the built code. */
async function onWorkers(resolved: Record<string, unknown>, o: CheckOptions, sets: readonly string[], workers: number) {
  const pool = new built.CheckPool({ ref: FIXTURE, sets, cwd: ROOT }, workers);
  try {
    await pool.start();
    return await built.runCheckAsync(scenario, resolved, o, pool);
  } finally {
    await pool.close();
  }
}

/** Everything `sim check` prints depends on these. */
function printed(o: CheckOutcome) {
  const cx = o.counterexample;
  return {
    runs: o.runs, shrinkRuns: o.shrinkRuns, shrinks: o.shrinks, budget: o.shrinkBudgetReached, first: o.firstFailure,
    cx: cx && { seed: cx.seed, size: cx.size, faults: cx.faults, digest: cx.result.digest, timeline: cx.result.timeline, violated: cx.violated },
    kinds: o.coverage.faultKinds(), paths: o.coverage.paths(),
  };
}

function both(params: Record<string, unknown>, runs: number, seed: number, workers: number) {
  const o = { runs, seed, maxFaults: 3, params };
  const resolved = resolveParams(scenario.params, params);
  const phases: string[] = [];
  const here = runCheck(scenario, runScenario, resolved, o);
  const there = onWorkers(resolved, { ...o, onRun: (p) => phases.push(p) }, Object.entries(params).map(([k, v]) => `${k}=${String(v)}`), workers);
  return { here, there, phases };
}

describe('sim check on worker threads', () => {
  it('finds, shrinks and reports the same counterexample as one thread, on 1 and 3 workers', async () => {
    for (const seed of [1, 2]) {
      for (const workers of [1, 3]) {
        const { here, there, phases } = both({}, 60, seed, workers);
        const got = await there;
        expect(here.counterexample, `seed ${seed}`).not.toBeNull();
        expect(here.shrinkRuns, 'shrinking took several runs').toBeGreaterThan(5);
        expect(printed(got), `seed ${seed}, ${workers} workers`).toEqual(printed(here));
        expect(got.counterexample!.result.timeline.length, 'the counterexample keeps its timeline').toBeGreaterThan(0);
        expect(phases.filter((p) => p === 'search')).toHaveLength(here.runs);
        expect(phases.filter((p) => p === 'shrink')).toHaveLength(here.shrinkRuns);
      }
    }
  });

  it('a search that finds nothing: every run counted, the same coverage', async () => {
    const { here, there } = both({ gapMs: 0 }, 40, 3, 2);
    const got = await there;
    expect(here.counterexample).toBeNull();
    expect(got.runs).toBe(40);
    expect(printed(got)).toEqual(printed(here));
  });

  it('a run that throws ends the check with its error', async () => {
    const params = { throwOnCrash: true };
    const o = { runs: 20, seed: 1, maxFaults: 3, params };
    const resolved = resolveParams(scenario.params, params);
    await expect(onWorkers(resolved, o, ['throwOnCrash=true'], 2)).rejects.toThrow(/boom: the crash handler failed/);
    expect(() => runCheck(scenario, runScenario, resolved, o)).toThrow(/boom: the crash handler failed/);
  });
});
