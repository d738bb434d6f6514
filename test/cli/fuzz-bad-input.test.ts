/**
 * Fuzz: random bad input to every command (argv, faults files, run files,
 * scenario modules, output files that exist; see fuzz-argv.ts and
 * fuzz-files.ts, where each case says why it is bad) must give exit 2, one
 * line on stderr that is no stack trace, nothing on stdout, and leave every
 * file in the folder byte for byte as it was, with nothing added.
 *
 * Most cases run in-process, in one child process that calls the CLI's
 * entry, cli(argv, io, cwd) (fuzz-host.ts); every FUZZ_BINARY_EVERY-th case
 * also runs through the real `sim` binary and must give the same answer.
 * The suite runs FUZZ_RUNS cases (default 200, 20 to 40 seconds); by
 * hand: FUZZ_RUNS=10000 FUZZ_JOBS=3 npx vitest run --config
 * test/vitest.config.ts test/cli/fuzz-bad-input.test.ts (FUZZ_JOBS runners
 * side by side). FUZZ_SEED replays a run; a failure prints its seed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badCase, baseFiles, type BadCase, type Fixtures } from './fuzz-argv.js';
import { probeModule } from './fuzz-files.js';
import type { HostReply, HostRequest } from './fuzz-host.js';
import { ensureBuilt, sim, type SimResult } from './sim.js';

// 100 cases in the suite (a new seed each run); FUZZ_RUNS=2000 for a deep search.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const BINARY_EVERY = Number(process.env.FUZZ_BINARY_EVERY ?? 25);
/** In-process runners side by side (by hand, on a machine with cores to spare). */
const JOBS = Math.max(1, Number(process.env.FUZZ_JOBS ?? 1));
/** A case that takes longer has surely been accepted and is running (or hangs). */
const CASE_TIMEOUT_MS = 30_000;
/** A fresh host now and then: every loaded module stays in a process's module map. */
const CASES_PER_HOST = 250;
const HOST = fileURLToPath(new URL('../../dist/test/cli/fuzz-host.js', import.meta.url));

type Outcome = SimResult & { readonly stray: string };

/** The in-process runner: one child process, one case at a time. */
class Host {
  private child: ChildProcess | undefined;
  private cases = 0;
  private output = '';
  private pending: ((r: HostReply) => void) | undefined;

  run(req: Omit<HostRequest, 'id'>): Promise<Outcome | 'timeout'> {
    const child = this.ready();
    this.output = '';
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.stop(); resolve('timeout'); }, CASE_TIMEOUT_MS);
      this.pending = (r) => {
        clearTimeout(timer);
        resolve({ code: r.code, stdout: r.stdout, stderr: r.stderr, stray: r.stray + this.output });
      };
      child.send({ ...req, id: ++this.cases } satisfies HostRequest);
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  private ready(): ChildProcess {
    if (this.child !== undefined && this.cases % CASES_PER_HOST !== 0) return this.child;
    this.stop();
    const child = fork(HOST, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
    child.stdout!.on('data', (d) => { this.output += String(d); });
    child.stderr!.on('data', (d) => { this.output += String(d); });
    child.on('message', (r: HostReply) => {
      if (r.id === -1) { this.output += r.stray; return; }
      const p = this.pending;
      this.pending = undefined;
      p?.(r);
    });
    return (this.child = child);
  }
}

/** Every file and folder below `dir` with its bytes ('' for a folder). */
function snapshot(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = join(prefix, name);
    if (statSync(join(dir, rel)).isDirectory()) {
      out.set(`${rel}/`, '');
      for (const [k, v] of snapshot(dir, rel)) out.set(k, v);
    } else {
      out.set(rel, readFileSync(join(dir, rel)).toString('base64'));
    }
  }
  return out;
}

function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** What is wrong with the CLI's answer to bad input; empty if nothing. */
function problems(r: Outcome | 'timeout', before: Map<string, string>, after: Map<string, string>): string[] {
  if (r === 'timeout') return ['hang'];
  const found: string[] = [];
  if (r.code !== 2) found.push(r.code === 3 || /internal error/.test(r.stderr) ? 'internal error' : r.code === 0 || r.code === 1 ? 'bad input accepted' : `exit ${r.code}`);
  if (/internal error/.test(r.stderr) && r.code !== 3) found.push('internal error');
  if (/^\s+at |node:internal/m.test(r.stderr)) found.push('stack trace');
  if (!/^sim: [^\n]+\n$/.test(r.stderr)) found.push('not one line on stderr');
  if (r.stderr.length > 1100) found.push('stderr too long');
  if (r.stdout !== '') found.push('stdout written');
  if (r.stray !== '') found.push('stray output');
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
  if (changed.length > 0) found.push(`files changed: ${changed.join(', ')}`);
  return found;
}

const hosts = Array.from({ length: JOBS }, () => new Host());
const host = hosts[0]!;
const root = mkdtempSync(join(tmpdir(), 'failsim-fuzz-'));
let fixtures: Fixtures;

/** A run file and two reports of the probe, made by the CLI itself. */
async function makeFixtures(): Promise<Fixtures> {
  const dir = join(root, 'fixtures');
  writeFiles(dir, { 'ok.mjs': probeModule() });
  const ask = async (argv: string[]) => {
    const r = await host.run({ argv, cwd: dir, env: {} });
    if (r === 'timeout' || r.code > 1) throw new Error(`fixture: sim ${argv.join(' ')}: ${r === 'timeout' ? r : r.stderr}`);
    return r.stdout;
  };
  await ask(['sweep', 'ok.mjs', '--runs', '3', '--workers', '1', '--out', 'runs.ndjson']);
  const list = JSON.parse(await ask(['list', '--json'])) as { scenarios: { id: string }[] };
  return {
    runFile: readFileSync(join(dir, 'runs.ndjson'), 'utf8'),
    reportA: await ask(['run', 'ok.mjs', '--json']),
    reportB: await ask(['run', 'ok.mjs', '--json', '--seed', '2']),
    builtIns: list.scenarios.map((s) => s.id),
  };
}

beforeAll(async () => {
  ensureBuilt();
  if (!existsSync(HOST)) throw new Error(`${HOST} is missing: build with npx tsc`);
  fixtures = await makeFixtures();
});
afterAll(() => {
  for (const h of hosts) h.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Finding {
  readonly why: string;
  readonly argv: readonly string[];
  readonly via: string;
  readonly problems: readonly string[];
  readonly stderr: string;
}

/** Runs one case in a folder of its own; returns what was wrong, if anything. */
async function runCase(c: BadCase, n: number, binary: boolean, host: Host): Promise<Finding[]> {
  const dir = join(root, `case-${n}`);
  writeFiles(dir, { ...baseFiles(fixtures), ...c.files });
  const before = snapshot(dir);
  const findings: Finding[] = [];
  const r = await host.run({ argv: c.argv, cwd: dir, env: c.env });
  const found = problems(r, before, snapshot(dir));
  if (found.length > 0) findings.push({ why: c.why, argv: c.argv, via: 'in-process', problems: found, stderr: r === 'timeout' ? '' : r.stderr + r.stray });
  if (binary) {
    writeFiles(dir, { ...baseFiles(fixtures), ...c.files });
    const b = await sim(c.argv, { cwd: dir, env: c.env as Record<string, string> });
    const bFound = problems({ ...b, stray: '' }, before, snapshot(dir));
    if (r !== 'timeout' && (b.code !== r.code || b.stderr !== r.stderr)) bFound.push('binary and in-process differ');
    if (bFound.length > 0) findings.push({ why: c.why, argv: c.argv, via: 'binary', problems: bFound, stderr: b.stderr });
  }
  if (findings.length === 0) rmSync(dir, { recursive: true, force: true });
  return findings;
}

it(`${RUNS} random bad inputs: exit 2, one line, no stack trace, no file touched`, async () => {
  const cases = fc.sample(badCase(fixtures), { numRuns: RUNS, seed: SEED });
  const findings: Finding[] = [];
  const started = Date.now();
  let binaryRuns = 0;
  const timing = new Map<string, [number, number]>();
  await Promise.all(hosts.map(async (h, lane) => {
    for (let n = lane; n < cases.length; n += JOBS) {
      const c = cases[n]!;
      const binary = BINARY_EVERY > 0 && n % BINARY_EVERY === 0;
      binaryRuns += binary ? 1 : 0;
      const t0 = Date.now();
      findings.push(...(await runCase(c, n, binary, h)));
      const k = ['list', 'run', 'sweep', 'compare', 'matrix', 'merge', 'check', 'diff', 'tui', 'help'].includes(c.argv[0]!) ? c.argv[0]! : 'other';
      timing.set(k, [(timing.get(k)?.[0] ?? 0) + 1, (timing.get(k)?.[1] ?? 0) + Date.now() - t0]);
    }
  }));
  if (process.env.FUZZ_TIMING) console.log([...timing].map(([k, [n, ms]]) => `${k}: ${n} cases, ${Math.round(ms / n)} ms each`).join('\n'));
  const count = (p: string) => findings.filter((f) => f.problems.some((q) => q.startsWith(p))).length;
  const figures = {
    seed: SEED, cases: RUNS, viaBinary: binaryRuns, seconds: Math.round((Date.now() - started) / 1000),
    stackTraces: count('stack trace'), internalErrors: count('internal error'), badInputsAccepted: count('bad input accepted'), filesChanged: count('files changed'),
    hangs: count('hang'), otherFindings: findings.filter((f) => f.problems.every((q) => !/^(stack trace|internal error|bad input accepted|files changed|hang)/.test(q))).length,
  };
  console.log(`fuzz: ${JSON.stringify(figures)}`);
  const shown = findings.slice(0, 15).map((f) => `${f.via}: ${f.why}\n  sim ${f.argv.map((a) => JSON.stringify(a.length > 100 ? `${a.slice(0, 100)}…` : a)).join(' ')}\n  ${f.problems.join('; ')}\n  ${f.stderr.slice(0, 600).replace(/\n/g, '\n  ')}`);
  expect(shown, `FUZZ_SEED=${SEED}: ${findings.length} findings`).toEqual([]);
}, Math.max(60_000, RUNS * 3_000));

/** Bugs the fuzz found, each kept as a case of its own (through the binary). */
describe.concurrent('regressions found by the fuzz', () => {
  const dir = join(root, 'regressions');
  const build = (code: string) => probeModule(`build(sim) { sim.faults.on('server', 'crash', () => {}); ${code}; return { ticks: 0 }; },`);
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['the last seed of a sweep rounding back below 2^53', ['sweep', 'ok.mjs', '--runs', '2', '--seed', '9007199254740991'], {}, /^sim: --seed 9007199254740991 with --runs 2: the last seed would be past 9007199254740991$/],
    ['build throwing null', ['run', 'null.mjs'], { 'null.mjs': build('throw null') }, /^sim: the scenario's code threw null, not an Error/],
    ['a claim throwing undefined', ['run', 'undef.mjs'], { 'undef.mjs': probeModule('claims: [{ name: "c", check: () => { throw undefined; } }],') }, /^sim: the scenario's code threw undefined, not an Error/],
    ['build throwing a string in a sweep worker', ['compare', 'string.ts', '--runs', '2', '--workers', '1', '--set', 'n=1', '--vs', 'n=2'], { 'string.ts': build('throw "boom"') }, /^sim: the scenario's code threw the string "boom", not an Error/],
    ['an Error without a stack', ['run', 'stackless.mjs'], { 'stackless.mjs': build('const e = new Error("no stack"); e.stack = undefined; throw e') }, /^sim: Error: no stack \(thrown without a stack, so no file:line\)$/],
    ['a fault space whose window is NaN', ['check', 'window.mjs', '--runs', '3'], { 'window.mjs': probeModule('faultSpace: { window: () => ({ fromMs: NaN, toMs: 1 }), maxFaults: 2, kinds: () => [{ name: "crash", targets: ["server"], severities: [0], expand: (t, s, at) => [{ at, target: t, kind: "crash" }] }] },') }, /^sim: scenario file "window.mjs": faultSpace: window\(\) returned .*expected \{fromMs, toMs\}/],
    ['a fault space of -1 faults', ['check', 'most.mjs'], { 'most.mjs': probeModule('faultSpace: { window: () => ({ fromMs: 0, toMs: 1 }), maxFaults: -1, kinds: () => [] },') }, /^sim: scenario file "most.mjs": faultSpace: expected \{window\(params\), maxFaults: a positive integer/],
    ['a fault space whose expand gives no list', ['check', 'expand.mjs', '--runs', '3'], { 'expand.mjs': probeModule('faultSpace: { window: () => ({ fromMs: 0, toMs: 10 }), maxFaults: 2, kinds: () => [{ name: "crash", targets: ["server"], severities: [0], expand: () => "x" }] },') }, /^sim: scenario file "expand.mjs": faultSpace: kind "crash": expand\(\) returned a string, expected a list of faults/],
    ['sim.schedule of a number', ['run', 'schedule.mjs'], { 'schedule.mjs': build('sim.schedule(10, 42)') }, /^sim: schedule\.mjs:\d+:\d+: TypeError: schedule: expected a function to call, got a number$/],
    ['a bare yield', ['run', 'yield.mjs'], { 'yield.mjs': build('sim.process((function* p() { yield; })(), "bare")') }, /^sim: process "bare" yielded undefined; a process yields sim\.sleep/],
    ['a fault params schema of 42', ['help', 'faults', 'schema.mjs'], { 'schema.mjs': build('sim.faults.on("server", "crash", () => {}, 42)') }, /^sim: schema\.mjs:\d+:\d+: TypeError: faults\.on\("server", "crash"\): params is a number, expected a zod schema/],
    ['a top-level await that never settles', ['run', 'forever.mjs'], { 'forever.mjs': 'await new Promise(() => {});\nexport default 1;\n' }, /^sim: the command never finished: nothing was left to run \(a scenario module whose top-level await never settles\?\)$/],
  ];

  it.each(cases)('%s: exit 2, one line', async (_name, argv, files, message) => {
    const here = join(dir, _name.replace(/\W+/g, '-'));
    writeFiles(here, { 'ok.mjs': probeModule(), ...files });
    const before = snapshot(here);
    const r = await sim(argv, { cwd: here });
    expect(problems({ ...r, stray: '' }, before, snapshot(here))).toEqual([]);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('--resume of a run file whose last line, newline and all, is a record with a key too many: refused, not dropped as cut off', async () => {
    const here = join(dir, 'resume-whole-last-line');
    const [first, second, third] = fixtures.runFile.trimEnd().split('\n');
    writeFiles(here, { 'ok.mjs': probeModule(), 'runs.ndjson': `${first}\n${second}\n${third!.replace(/^\{/, '{"extra":1,')}\n` });
    const before = snapshot(here);
    const r = await sim(['sweep', 'ok.mjs', '--runs', '3', '--workers', '1', '--resume', 'runs.ndjson'], { cwd: here });
    expect(problems({ ...r, stray: '' }, before, snapshot(here))).toEqual([]);
    expect(r.stderr).toMatch(/^sim: --resume "runs.ndjson": line 3: not a run record \(.*"extra"/);
  });

  it('--resume of a run file whose last line, without its newline, is a whole record of other params: refused, not dropped as cut off (FUZZ_SEED=1354084470)', async () => {
    const here = join(dir, 'resume-whole-last-record');
    const [first, second, third] = fixtures.runFile.trimEnd().split('\n');
    const other = third!.replace(/"params":\{/, '"params":{"extra":1,');
    expect(other).not.toBe(third);
    writeFiles(here, { 'ok.mjs': probeModule(), 'runs.ndjson': `${first}\n${second}\n${other}` });
    const before = snapshot(here);
    const r = await sim(['sweep', 'ok.mjs', '--runs', '3', '--workers', '1', '--resume', 'runs.ndjson'], { cwd: here });
    expect(problems({ ...r, stray: '' }, before, snapshot(here))).toEqual([]);
    expect(r.stderr).toMatch(/^sim: --resume "runs.ndjson" line 3: /);
  });
});
