/**
 * A regression test of the kind you would keep next to your own scenario:
 *
 *   npx vitest run examples/regression.test.ts   (in this repo: add --config test/vitest.config.ts)
 *
 * It pins down three things. The claims must hold over a handful of seeds, so
 * a model change that breaks the documented behaviour fails CI. The
 * invariants must hold under any fault schedule `sim check` can draw from
 * the system's fault space (checkScenario: a property-based test that fails
 * with the shrunk schedule and its replay command). And one seed's digest is
 * golden: any change to what the run does, however small, changes it. When that is intended, run
 * `npx sim run examples/my-scenario.ts --seed 1 --json` and paste the new
 * digest; when it is not, `--trace` both versions and compare the chains to
 * find the first record that differs.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario, runScenario } from 'failsim';
import hang from './instance-hang.js';
import scenario from './my-scenario.js';

const SEEDS = [1, 2, 3, 4, 5];
const GOLDEN = { seed: 1, digest: 'af10a5b52d2b6cf0' };

describe('lb-instance-crash', () => {
  it.each(SEEDS)('seed %i: every claim holds with the default settings', (seed) => {
    const result = runScenario(scenario, { seed });
    for (const claim of result.claims) expect(claim.pass, `${claim.name}: ${claim.detail}`).toBe(true);
  });

  it('seed 1 still does exactly what it did (golden digest)', () => {
    expect(runScenario(scenario, { seed: GOLDEN.seed }).digest).toBe(GOLDEN.digest);
  });

  it('is deterministic: the same seed twice gives the same run', () => {
    const a = runScenario(scenario, { seed: 42 });
    const b = runScenario(scenario, { seed: 42 });
    expect(b.digest).toBe(a.digest);
    expect(b.metrics).toEqual(a.metrics);
  });

  it('without retries, a slow health check breaks the error budget', () => {
    const retried = runScenario(scenario, { seed: 1, params: { checkIntervalMs: 10_000 } });
    const once = runScenario(scenario, { seed: 1, params: { checkIntervalMs: 10_000, maxAttempts: 1 } });
    const budget = (r: typeof once) => r.claims.find((c) => c.name.startsWith('losing one instance'))?.pass;
    expect([budget(retried), budget(once)]).toEqual([true, false]);
  });

  // Faults start between 10 s and durationMs - 60 s: a 2-minute run keeps the 30 runs to a few seconds.
  it('no crash or hang schedule breaks the invariants (property-based, shrunk on failure)', () => {
    checkScenario(scenario, { runs: 30, seed: 1, params: { durationMs: 120_000 }, ref: 'examples/my-scenario.ts' });
  });
});

describe('lb-instance-hang', () => {
  it.each(SEEDS)('seed %i: a frozen instance costs no more than the error budget', (seed) => {
    const result = runScenario(hang, { seed });
    for (const claim of result.claims) expect(claim.pass, `${claim.name}: ${claim.detail}`).toBe(true);
  });
});
