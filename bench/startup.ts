/**
 * CLI start-up: `sim --help`, `sim list` and `sim run scenario-a --until 0`
 * as separate processes, interleaved, medians of wall-clock and CPU time,
 * each as a ratio to `--help`. The module counts (from
 * test/fixtures/import-log.mjs) say why the figures stay flat as scenarios
 * are added: `list` loads no scenario module and `run` only its own system's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, now, table } from './stats.js';

const RUN_TARGET = 1.6; // sim run scenario-a --until 0 over sim --help
const COMMANDS: readonly (readonly [string, readonly string[]])[] = [
  ['sim --help', ['--help']],
  ['sim list', ['list']],
  ['sim run scenario-a --until 0', ['run', 'scenario-a', '--until', '0']],
];

interface Timing { wallMs: number; cpuMs: number }

/** One start-up of `sim args`: wall-clock around the spawn, CPU (user + system) of the child from its resource usage. */
function timeOnce(root: string, args: readonly string[]): Timing {
  const probe = 'const r=process.resourceUsage();process.on("exit",()=>{const e=process.resourceUsage();process.stderr.write(`\\ncpu ${(e.userCPUTime+e.systemCPUTime)/1000}\\n`)})';
  const t0 = now();
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, path.join(root, 'dist/src/cli/main.js'), ...args], { cwd: root, encoding: 'utf8' });
  const wallMs = now() - t0;
  const cpu = /cpu ([\d.]+)\n$/.exec(r.stderr);
  return { wallMs, cpuMs: cpu ? Number(cpu[1]) : NaN };
}

/** The modules `sim args` loads: our own compiled files, those under dist/scenarios/, and zod's. */
function modulesLoaded(root: string, args: readonly string[]): { ours: number; scenarios: number; zod: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'failsim-startup-'));
  const log = path.join(dir, 'imports.txt');
  try {
    spawnSync(process.execPath, ['--import', path.join(root, 'test/fixtures/import-log.mjs'), path.join(root, 'dist/src/cli/main.js'), ...args], { cwd: root, env: { ...process.env, FAILSIM_IMPORT_LOG: log } });
    const urls = readFileSync(log, 'utf8').split('\n').filter((u) => u !== '');
    return { ours: urls.filter((u) => u.includes('/dist/')).length, scenarios: urls.filter((u) => u.includes('/dist/scenarios/')).length, zod: urls.filter((u) => u.includes('/node_modules/zod/')).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => n + (statSync(path.join(dir, name)).isDirectory() ? countFiles(path.join(dir, name)) : name.endsWith('.js') ? 1 : 0), 0);
}

export function benchStartup(root: string, reps: number): void {
  console.log(`\n== 7. CLI start-up (separate processes, interleaved, medians of ${reps}) ==`);
  const times = COMMANDS.map((): Timing[] => []);
  for (let r = 0; r < reps; r++) COMMANDS.forEach(([, args], i) => times[i]!.push(timeOnce(root, args)));
  const wall = times.map((t) => median(t.map((x) => x.wallMs)));
  const cpu = times.map((t) => median(t.map((x) => x.cpuMs)));
  const rows = COMMANDS.map(([name, args], i) => {
    const m = modulesLoaded(root, args);
    const ratio = wall[i]! / wall[0]!;
    const target = i === 2 ? `<= ${RUN_TARGET}x: ${ratio <= RUN_TARGET ? 'met' : 'MISSED'}` : '';
    return [name, `${wall[i]!.toFixed(0)} ms`, `${ratio.toFixed(2)}x`, `${cpu[i]!.toFixed(0)} ms`, `${(cpu[i]! / cpu[0]!).toFixed(2)}x`, `${m.ours} (${m.scenarios} of scenarios/), zod ${m.zod}`, target];
  });
  console.log(table(['command', 'wall', 'vs --help', 'cpu', 'vs --help', 'our modules loaded', 'target'], rows));
  console.log(`(dist/scenarios/ holds ${countFiles(path.join(root, 'dist/scenarios'))} modules: adding scenarios adds to that, not to what list or run loads)`);
  // Node 22.1 added an on-disk cache of compiled modules; on older Nodes start-up has no such cache to turn on.
  const compileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  console.log(`(module compile cache, module.enableCompileCache: ${compileCache ? 'available in this Node' : `not in Node ${process.version} (added in 22.1)`})`);
}
