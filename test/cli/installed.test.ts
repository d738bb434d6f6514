/**
 * Issue 11: `failsim` is not on the npm registry and `npx sim` outside the
 * clone finds an unrelated package, so the README's way to run your own
 * scenario anywhere is `npm install -g .` from the clone. Done here into a
 * temporary prefix (offline, no scripts: dist/ is built already), then a
 * scenario in a fresh folder, importing only `failsim` and `zod`, runs with
 * the `sim` that install put on the PATH.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './sim.js';

const prefix = mkdtempSync(join(tmpdir(), 'failsim-prefix-'));
const folder = mkdtempSync(join(tmpdir(), 'failsim-mine-'));

beforeAll(() => {
  ensureBuilt();
  execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--ignore-scripts', '--no-audit', '--no-fund', ROOT], { stdio: 'pipe' });
});
afterAll(() => {
  rmSync(prefix, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

it('the README says how to install sim and why npx sim works only inside the clone', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toContain('npm install -g .');
  expect(readme).toMatch(/`npx sim` works only inside the clone/);
  expect(readme).toMatch(/`failsim` is not published to the\s+registry/);
});

it('after `npm install -g`, sim runs ./x.ts from a fresh folder that has no package.json', async () => {
  writeFileSync(join(folder, 'x.ts'), `import { z } from 'zod';
import { defineScenario, ms, type Simulation } from 'failsim';
export default defineScenario({
  id: 'mine', title: 'three ticks', source: 'a user', params: z.object({ tickMs: z.number().positive().default(1000) }),
  durationMs: () => 3000, faults: () => [],
  build(sim: Simulation, p: { tickMs: number }) {
    const world = { ticks: 0 };
    sim.process((function* clock() { for (;;) { yield sim.sleep(ms(p.tickMs)); world.ticks++; } })(), 'clock');
    return world;
  },
  metrics: (w) => ({ ticks: w.ticks }),
  claims: [{ name: 'three ticks', check: (m) => ({ pass: m.ticks === 3, detail: String(m.ticks) }) }],
});
`);
  expect(existsSync(join(prefix, 'bin', 'sim'))).toBe(true);
  const env = { ...process.env, PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH ?? ''}` };
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('sim', ['run', './x.ts', '--json'], { cwd: folder, env }, (e, stdout, stderr) => resolve({ code: typeof e?.code === 'number' ? e.code : 0, stdout, stderr }));
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { scenario: string; metrics: Record<string, number>; claims: { pass: boolean }[] };
  expect(doc.scenario).toBe('mine');
  expect(doc.metrics.ticks).toBe(3);
  expect(doc.claims.map((c) => c.pass)).toEqual([true]);
});
