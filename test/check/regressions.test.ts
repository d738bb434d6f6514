import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RegressionSchema, type Regression } from '../../src/check/regression-file.js';
import { replayRegression } from '../../src/check/regression-replay.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { runScenario } from '../../src/runner/run-scenario.js';

/**
 * Every counterexample saved with `sim check --save test/regressions/NAME.json`
 * is replayed and each invariant must come out as recorded: a fixed bug
 * stays fixed (its file says "holds" once fixed), and a model change that
 * hides a known failure fails here.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = 'test/regressions';
const files = readdirSync(`${ROOT}${DIR}`).filter((f) => f.endsWith('.json')).sort();

async function replay(reg: Regression) {
  const { scenario } = await loadScenario(reg.scenario, ROOT);
  return replayRegression(reg, scenario, runScenario);
}

describe('regressions: saved counterexamples replay as recorded', () => {
  it('there are some', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s', async (file) => {
    const path = `${DIR}/${file}`;
    const reg = RegressionSchema.parse(JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8')));
    const { differences } = await replay(reg);
    const sets = Object.entries(reg.params).map(([k, v]) => ` --set ${k}=${String(v)}`).join('');
    expect(differences, `${path}: replay with sim run ${reg.scenario} --seed ${reg.seed}${sets} --faults F, F holding the file's "faults"`).toEqual([]);
  });

  it('a recorded outcome the run does not give is reported (the replay can fail)', async () => {
    const reg = RegressionSchema.parse(JSON.parse(readFileSync(`${ROOT}${DIR}/${files[0]}`, 'utf8')));
    const flipped = { ...reg, expect: reg.expect.map((e) => ({ ...e, outcome: e.outcome === 'holds' ? 'violated' as const : 'holds' as const })) };
    const { differences } = await replay(flipped);
    expect(differences).toHaveLength(reg.expect.length);
    expect(differences[0]).toMatch(/\(recorded: (holds|violated)\)/);
  });
});
