/**
 * What `sim` imports at start-up (the built binary, with a hook that logs
 * every module it loads): `sim list` no scenario module and no zod,
 * `sim run <id>` only its own system's modules. The timings are in the
 * bench (bench/startup.ts), never in a test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-startup-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The dist/ paths (and zod's files, as "zod") that `sim args` loaded. */
function loadedBy(args: readonly string[], name: string): Promise<string[]> {
  const log = join(dir, `${name}.txt`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', join(ROOT, 'test/fixtures/import-log.mjs'), BIN, ...args], { cwd: ROOT, env: { ...process.env, FAILSIM_IMPORT_LOG: log } }, (error) => {
      if (error && typeof error.code !== 'number') { reject(error); return; }
      const urls = readFileSync(log, 'utf8').split('\n').filter((u) => u !== '');
      resolve(urls.map((u) => (u.includes('/node_modules/zod/') ? 'zod' : u.replace(/^.*\/dist\//, ''))));
    });
  });
}

describe.concurrent('start-up imports', () => {
  it('sim list loads no scenario module and no zod', async () => {
    const loaded = await loadedBy(['list'], 'list');
    expect(loaded).toContain('src/io/catalogue.js');
    expect(loaded.filter((m) => m.startsWith('scenarios/') || m.startsWith('models/') || m === 'zod')).toEqual([]);
  });

  it('sim run scenario-a loads its own system folder and shared checkers, no other system and not the eager list', async () => {
    const loaded = await loadedBy(['run', 'scenario-a', '--until', '0'], 'run');
    const scenarioModules = loaded.filter((m) => m.startsWith('scenarios/'));
    expect(scenarioModules).toContain('scenarios/patroni-k8s/scenario-a.js');
    expect(scenarioModules.filter((m) => !m.startsWith('scenarios/patroni-k8s/') && !m.startsWith('scenarios/invariants/'))).toEqual([]);
    expect(loaded.filter((m) => m.startsWith('models/flux/'))).toEqual([]);
  });
});
