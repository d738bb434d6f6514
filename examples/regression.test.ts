/**
 * A regression test of the kind you would keep next to your own scenario:
 *
 *   npx vitest run examples/regression.test.ts   (in this repo: add --config test/vitest.config.ts)
 *
 * It pins down two things. The claims must hold over a handful of seeds, so
 * a model change that breaks the documented behaviour fails CI. And one
 * seed's digest is golden: any change to what the run does, however small,
 * changes it. When that is intended, run
 * `npx sim run examples/my-scenario.ts --seed 1 --json` and paste the new
 * digest; when it is not, `--trace` both versions and compare the chains to
 * find the first record that differs.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from 'failsim';
import scenario from './my-scenario.js';

const SEEDS = [1, 2, 3, 4, 5];
const GOLDEN = { seed: 1, digest: '21a0cabef85071ff' };

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

  it('a slow health check breaks the error budget', () => {
    const result = runScenario(scenario, { seed: 1, params: { checkIntervalMs: 10_000 } });
    expect(result.claims.find((c) => c.name.startsWith('losing one instance'))?.pass).toBe(false);
  });
});
