/**
 * Sweep benchmarks, through the built `sim` binary in child processes as a
 * user runs it:
 *
 * - runs/s of `sim sweep flux-worker-crash` with one worker and with one per
 *   CPU, and the speed-up. Each figure is steady-state: the wall time of a
 *   short sweep (start-up: Node, module loading, workers loading the
 *   scenario) is subtracted from a long one's, so rate = (long - short runs)
 *   / (long - short seconds). Each of the four sweeps is timed `reps` times,
 *   interleaved, and its fastest time is used: on a shared machine whose
 *   speed drifts by a quarter from minute to minute, the fastest of a few
 *   is the one least disturbed. End-to-end figures are printed beside them.
 * - peak resident set size of a long sweep streamed to a file (the whole
 *   process: main thread and every worker), read from the child's own
 *   process.resourceUsage().maxRSS by a preloaded probe at exit.
 * - wall time of `sim check scenario-a --runs N` (one worker per CPU), with
 *   the load average beside it: a figure on a busy machine is an upper bound.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now, ratio, secondsSince, table } from './stats.js';

export interface SweepBenchOptions {
  /** Runs of the long sweep for the speed figures (a short one of two runs per CPU measures start-up). */
  readonly runs: number;
  readonly reps: number;
  /** Runs of the RSS sweep; 0 skips it. */
  readonly rssRuns: number;
  /** Runs of the timed `sim check` (default CHECK_RUNS); 0 skips it. */
  readonly checkRuns?: number;
}

const SPEED_SCENARIO = 'flux-worker-crash';
// Plain JavaScript, so the figure is the sweep machinery's, not tsx's (a .ts scenario adds tsx to each worker: about 30 MB each).
const RSS_SCENARIO = 'test/fixtures/sweep-scenario.mjs';
const SPEED_TARGET = 1.8;
const RSS_TARGET_MB = 250;
const CHECK_SCENARIO = 'scenario-a';
const CHECK_RUNS = 300;
const CHECK_TARGET_S = 30;

/** Preloaded into the child: writes its peak RSS (KiB, whole process) where FAILSIM_RSS_FILE says, at exit. */
const PROBE = `process.on('exit', () => { try { require('node:fs').writeFileSync(process.env.FAILSIM_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });\n`;

interface Timed {
  readonly wallS: number;
  readonly stdout: string;
  readonly maxRssKiB: number;
}

function simSweep(repoRoot: string, tmp: string, args: readonly string[]): Timed {
  const bin = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  const probe = path.join(tmp, 'rss-probe.cjs');
  const rssFile = path.join(tmp, 'rss.txt');
  writeFileSync(probe, PROBE);
  rmSync(rssFile, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, FAILSIM_RSS_FILE: rssFile };
  const t0 = now();
  const r = spawnSync(process.execPath, ['--require', probe, bin, 'sweep', ...args], { cwd: repoRoot, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallS = secondsSince(t0);
  // 1 = a claim failed in some run: a finished sweep all the same.
  if (r.status !== 0 && r.status !== 1) throw new Error(`sim sweep ${args.join(' ')} exited ${r.status}: ${r.stderr || r.error?.message}`);
  let maxRssKiB = NaN;
  try { maxRssKiB = Number(readFileSync(rssFile, 'utf8')); } catch { /* probe did not run */ }
  return { wallS, stdout: r.stdout, maxRssKiB };
}

/** Wall seconds for `n` separate one-worker sweeps of runs/n runs each, started together. */
function independentProcesses(repoRoot: string, n: number, runs: number): number {
  const bin = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  const each = Math.ceil(runs / n);
  const cmds = Array.from({ length: n }, (_, i) => `"${process.execPath}" "${bin}" sweep ${SPEED_SCENARIO} --runs ${each} --seed ${1 + i * each} --workers 1 --json > /dev/null &`);
  const t0 = now();
  const r = spawnSync('/bin/sh', ['-c', `${cmds.join(' ')} wait`], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`independent sweeps failed: ${r.stderr}`);
  return secondsSince(t0);
}

export function benchSweep(repoRoot: string, o: SweepBenchOptions): void {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'failsim-bench-sweep-'));
  try {
    const short = Math.max(2, cpus * 2);
    console.log(`\n== 4. sim sweep ${SPEED_SCENARIO}: 1 worker vs ${cpus} (one per CPU); ${o.runs} runs minus a ${short}-run sweep (start-up), fastest of ${o.reps} reps ==`);
    const time = (w: number, runs: number) => simSweep(repoRoot, tmp, [SPEED_SCENARIO, '--runs', String(runs), '--workers', String(w), '--json']);
    const best = { s1: Infinity, l1: Infinity, sN: Infinity, lN: Infinity, lI: Infinity };
    let same = true;
    for (let r = 0; r < o.reps; r++) {
      best.s1 = Math.min(best.s1, time(1, short).wallS);
      best.sN = Math.min(best.sN, time(cpus, short).wallS);
      const l1 = time(1, o.runs), lN = time(cpus, o.runs);
      best.l1 = Math.min(best.l1, l1.wallS);
      best.lN = Math.min(best.lN, lN.wallS);
      best.lI = Math.min(best.lI, independentProcesses(repoRoot, cpus, o.runs));
      same &&= l1.stdout === lN.stdout;
    }
    const steady = (l: number, s0: number) => (o.runs - short) / Math.max(1e-9, l - s0);
    const one = steady(best.l1, best.s1), all = steady(best.lN, best.sN);
    const speedup = all / one;
    const fmt = (x: number) => x.toFixed(1);
    console.log(table(['workers', 'runs/s steady (fastest)', 'runs/s end to end', 'speed-up', 'target'], [
      ['1', fmt(one), fmt(o.runs / best.l1), '1.00x', 'baseline'],
      [String(cpus), fmt(all), fmt(o.runs / best.lN), ratio(speedup), cpus >= 2 ? `>= ${SPEED_TARGET}x: ${speedup >= SPEED_TARGET ? 'met' : 'MISSED'}` : 'one CPU: n/a'],
      [`${cpus} processes x 1`, '', fmt(o.runs / best.lI), ratio(best.l1 / best.lI), 'ceiling (end to end)'],
    ]));
    console.log(`(${cpus} processes x 1: ${cpus} separate \`sim sweep --workers 1\` of ${o.runs / cpus} runs each at once, no sharing at all: what this machine gives ${cpus}-way parallel work; ${cpus} workers reach ${Math.round((100 * best.l1 / best.lN) / (best.l1 / best.lI))}% of it end to end)`);
    console.log(`--json summaries of 1 and ${cpus} workers byte-identical: ${same ? 'yes' : 'NO'}`);

    benchRss(repoRoot, tmp, o.rssRuns, cpus);
    benchCheck(repoRoot, tmp, o.checkRuns ?? CHECK_RUNS, cpus);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function benchRss(repoRoot: string, tmp: string, rssRuns: number, cpus: number): void {
  if (rssRuns <= 0) {
    console.log('\n(peak RSS of a long sweep skipped: --sweep-rss-runs 0)');
    return;
  }
  console.log(`\n== 5. Peak RSS: sim sweep ${RSS_SCENARIO} --runs ${rssRuns} --out FILE, ${cpus} workers ==`);
  const file = path.join(tmp, 'rss.ndjson');
  const r = simSweep(repoRoot, tmp, [RSS_SCENARIO, '--runs', String(rssRuns), '--workers', String(cpus), '--out', file, '--json']);
  const lines = readFileSync(file, 'utf8').split('\n').length - 1;
  const mb = (r.maxRssKiB * 1024) / 1e6;
  console.log(table(['sweep', 'runs', 'wall s', 'runs/s', 'file', 'peak RSS', 'target'], [
    [RSS_SCENARIO, String(lines), r.wallS.toFixed(1), (lines / r.wallS).toFixed(1), `${(statSync(file).size / 1e6).toFixed(1)} MB`, `${mb.toFixed(0)} MB`, `< ${RSS_TARGET_MB} MB: ${mb < RSS_TARGET_MB ? 'met' : 'MISSED'}`],
  ]));
  if (lines !== rssRuns) console.log(`note: the file holds ${lines} lines, expected ${rssRuns}`);
}

/** `sim check` end to end (start-up, workers loading the scenario, every run): the wall time a user waits. */
function benchCheck(repoRoot: string, tmp: string, runs: number, cpus: number): void {
  if (runs <= 0) return;
  console.log(`\n== 5b. sim check ${CHECK_SCENARIO} --runs ${runs}, ${cpus} worker${cpus === 1 ? '' : 's'} (one per CPU), end to end ==`);
  const bin = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  const loadBefore = os.loadavg()[0]!;
  const t0 = now();
  // --faults-out into the scratch folder: a counterexample's faults file must not land in the repository.
  const r = spawnSync(process.execPath, [bin, 'check', CHECK_SCENARIO, '--runs', String(runs), '--faults-out', path.join(tmp, 'check.faults.json'), '--force'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallS = secondsSince(t0);
  if (r.status !== 0 && r.status !== 1) throw new Error(`sim check exited ${r.status}: ${r.stderr || r.error?.message}`);
  const verdict = /^result: .*$/m.exec(r.stdout)?.[0] ?? '(no result line)';
  const target = runs === CHECK_RUNS ? `< ${CHECK_TARGET_S} s: ${wallS < CHECK_TARGET_S ? 'met' : 'MISSED'}` : `(target is for ${CHECK_RUNS} runs)`;
  console.log(table(['check', 'wall s', 'load average (1 min) before / after', 'target'], [
    [`${CHECK_SCENARIO} --runs ${runs}`, wallS.toFixed(1), `${loadBefore.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}`, target],
  ]));
  console.log(verdict);
}
