/**
 * Your own scenario from any folder: a .ts, .mts or .mjs file in a fresh
 * temporary folder outside the clone, with no package.json or node_modules,
 * imports only "failsim" and "zod", and `sim run` resolves both to its own
 * copies (src/io/own-packages-hook.ts). Sweeps load it in worker threads too.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, sim } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-own-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = `import { z } from 'zod';
import { defineScenario, ms, type Simulation } from 'failsim';

const params = z.object({ tickMs: z.number().positive().default(1000) });

function build(sim: Simulation, p: z.output<typeof params>) {
  const world = { ticks: 0 };
  sim.process((function* clock() {
    for (;;) { yield sim.sleep(ms(p.tickMs)); world.ticks++; sim.trace.emit('clock', 'tick', { n: world.ticks }); }
  })(), 'clock');
  return world;
}

export default defineScenario({
  id: 'my-own',
  title: 'A clock of my own',
  source: 'my notes',
  params,
  durationMs: () => 10_000,
  faults: () => [],
  build,
  metrics: (w) => ({ ticks: w.ticks }),
  claims: [{ name: 'ticks ten times', check: (m) => ({ pass: m.ticks === 10, detail: m.ticks + ' ticks' }) }],
});
`;

describe.concurrent('a scenario outside the clone', () => {
  it('the folder really is outside: no package.json or node_modules on the way up', () => {
    expect(dir.startsWith(ROOT)).toBe(false);
    for (let d = dir; d !== dirname(d); d = dirname(d)) {
      expect(existsSync(join(d, 'package.json'))).toBe(false);
      expect(existsSync(join(d, 'node_modules'))).toBe(false);
    }
  });

  it.each(['x.ts', 'x.mts', 'x.mjs'])('%s imports failsim and zod and runs (exit 0, PASS)', async (name) => {
    // The .mjs is the same module without its types.
    const text = name === 'x.mjs' ? SCENARIO.replace(', type Simulation', '').replace('(sim: Simulation, p: z.output<typeof params>)', '(sim, p)') : SCENARIO;
    writeFileSync(join(dir, name), text);
    const r = await sim(['run', `./${name}`, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scenario: 'my-own', ok: true, metrics: { ticks: 10 } });
  });

  it('a sweep loads it in its worker threads', async () => {
    writeFileSync(join(dir, 'sweep.ts'), SCENARIO);
    const r = await sim(['sweep', './sweep.ts', '--runs', '3', '--workers', '2', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
