/** `sim run` and `sim list` end to end: the built binary in a child process. */
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainedDigest } from '../../src/kernel/digest.js';
import { JsonReportSchema } from '../../src/report/json-schema.js';
import { scenarios } from '../../scenarios/index.js';
import { ensureBuilt, lines, ROOT, sim, type SimResult, TINY } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-run-'));
const ESC = '\u001b[';

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A command several tests read the output of runs once: the binary is
 * deterministic, and each test still asserts what it did on that output.
 */
const shared = new Map<string, Promise<SimResult>>();
function simOnce(args: readonly string[], env?: Record<string, string>): Promise<SimResult> {
  const key = JSON.stringify([args, env ?? {}]);
  let r = shared.get(key);
  if (r === undefined) shared.set(key, (r = sim(args, env ? { env } : {})));
  return r;
}
/**
 * TINY's plain JavaScript twin (the same report but for the module path):
 * for the tests whose subject is not TypeScript loading, each process then
 * spends about 0.7 s less CPU. The TypeScript path keeps the tests on TINY
 * (the report, its replay line, the schema, the absolute path), kernel
 * identity, the example and scenario-a.ts; the determinism test checks the
 * twin gives TINY's bytes.
 */
const TINY_JS = 'test/fixtures/tiny-js.mjs';
const TEXT_SEED_7 = ['run', TINY, '--seed', '7'];
const JSON_SEED_3 = ['run', TINY, '--seed', '3', '--json'];
const SCENARIO_A_42 = ['run', 'scenario-a', '--seed', '42', '--json'];
/** A failing run's JSON, with colour forced: read by the failing-run test and the no-colour-in-JSON test. */
const FAILING_JSON = ['run', TINY_JS, '--json', '--set', 'restartDelayMs=20000'];
const FORCED = { FORCE_COLOR: '1' };

describe.concurrent('sim run', () => {
  it('prints the text report and exits 0 when every claim holds', async () => {
    const r = await simOnce(TEXT_SEED_7);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tiny {2}One server crashes and restarts\n/);
    expect(r.stdout).toContain('  seed     7\n');
    expect(r.stdout).toMatch(/PASS {2}downtime stays under maxDowntimeMs/);
    expect(r.stdout).toMatch(/digest [0-9a-f]{16} {2}events \d+ {2}trace records \d+/);
    expect(r.stdout).toContain('replay: sim run test/fixtures/tiny-scenario.ts --seed 7\n');
    expect(lines(r.stdout).at(-1)).toBe('result: PASS, the claim held');
    expect(r.stdout).not.toContain(ESC);
  });

  it('exits 1 when a claim fails, and the replay line carries the non-default settings', async () => {
    const r = await sim(['run', TINY, '--seed', '7', '--set', 'restartDelayMs=20000', '--set', 'maxDowntimeMs=10000', '--until', '90s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/FAIL {2}downtime stays under maxDowntimeMs/);
    expect(r.stdout).toContain('! restartDelayMs (20000) alone exceeds maxDowntimeMs (10000)');
    expect(r.stdout).toContain('replay: sim run test/fixtures/tiny-scenario.ts --seed 7 --set restartDelayMs=20000 --until 90s\n');
    expect(lines(r.stdout).at(-1)).toBe('result: FAIL, 1 of 1 claim failed');
  });

  it('--json prints one document that matches the schema', async () => {
    const r = await simOnce(JSON_SEED_3);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
    expect(doc).toMatchObject({ failsim: 1, scenario: 'tiny', seed: 3, untilMs: 60_000, ok: true, source: 'test fixture (no document)' });
    expect(doc.faults).toEqual([{ at: 10_000, target: 'server', kind: 'crash' }]);
    expect(doc.claims[0]).toMatchObject({ name: 'downtime stays under maxDowntimeMs', pass: true, source: 'fixture claim 1' });
    expect(doc.timeline.map((e) => e.text)).toEqual(['fault crash', 'server crash', 'server restart']);
  });

  it('--json of a failing run has ok: false and exit code 1', async () => {
    const r = await simOnce(FAILING_JSON, FORCED);
    expect(r.code).toBe(1);
    const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
    expect(doc.ok).toBe(false);
    expect(doc.notes).toHaveLength(1);
    expect(doc.params.restartDelayMs).toBe(20_000);
  });

  it('two processes with the same seed print byte-identical JSON; another seed differs; the JavaScript twin prints TINY\'s bytes', async () => {
    // The other seed is the schema test's run of seed 3 (TINY, TypeScript).
    const [a, b, c, twin] = await Promise.all([
      sim(['run', TINY_JS, '--seed', '11', '--json']),
      sim(['run', TINY_JS, '--seed', '11', '--json']),
      simOnce(JSON_SEED_3),
      sim(['run', TINY_JS, '--seed', '3', '--json']),
    ]);
    expect(c.code).toBe(0);
    expect(twin.stdout).toBe(c.stdout);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
    expect(JSON.parse(c.stdout).digest).not.toBe(JSON.parse(a.stdout).digest);
  });

  it('--until takes durations, and a bare number is seconds', async () => {
    const [bare, minutes] = await Promise.all([sim(['run', TINY_JS, '--json', '--until', '30']), sim(['run', TINY_JS, '--json', '--until', '2m'])]);
    expect(JSON.parse(bare.stdout).untilMs).toBe(30_000);
    expect(JSON.parse(minutes.stdout).untilMs).toBe(120_000);
  });

  it('--faults replaces the default schedule', async () => {
    const file = join(dir, 'two-crashes.json');
    writeFileSync(file, JSON.stringify({ faults: [{ at: '5s', target: 'server', kind: 'crash' }, { at: 30_000, target: 'server', kind: 'crash' }] }));
    const r = await sim(['run', TINY_JS, '--json', '--faults', file]);
    const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
    expect(doc.faults).toEqual([{ at: 5_000, target: 'server', kind: 'crash' }, { at: 30_000, target: 'server', kind: 'crash' }]);
    expect(doc.timeline.filter((e) => e.kind === 'restart')).toHaveLength(2);
  });

  it('--trace writes NDJSON whose chains replay the digest, and leaves no temporary file', async () => {
    const sub = mkdtempSync(join(dir, 'trace-'));
    const file = join(sub, 'run.ndjson');
    const r = await sim(['run', TINY_JS, '--seed', '5', '--json', '--trace', file]);
    expect(r.code).toBe(0);
    const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
    const records = lines(readFileSync(file, 'utf8')).map((l) => JSON.parse(l) as { t: number; source: string; kind: string; chain: string });
    expect(records).toHaveLength(doc.traceRecords);
    expect(records.at(-1)!.chain).toBe(doc.digest);
    const digest = new ChainedDigest();
    for (const { chain, ...rec } of records) {
      digest.update(JSON.stringify(rec));
      expect(chain).toBe(digest.hex());
    }
    expect(readdirSync(sub)).toEqual(['run.ndjson']);
  });

  it('--trace writes nothing when the input is bad', async () => {
    const sub = mkdtempSync(join(dir, 'trace-bad-'));
    const faults = join(sub, 'faults.json');
    writeFileSync(faults, '[{"at": "5s", "target": "nope", "kind": "crash"}]');
    const r = await sim(['run', TINY_JS, '--trace', join(sub, 'run.ndjson'), '--faults', faults]);
    expect(r.code).toBe(2);
    expect(readdirSync(sub)).toEqual(['faults.json']);
  });

  it('runs a plain JavaScript scenario module (export named "scenario")', async () => {
    const r = await sim(['run', 'test/fixtures/js-scenario.mjs', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scenario: 'js-tick', metrics: { ticks: 10 }, ok: true });
  });

  it('runs the example scenario', async () => {
    const r = await sim(['run', 'examples/my-scenario.ts', '--seed', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('result: PASS, all 2 claims held');
  });

  it('gives a .ts scenario the same kernel as the runner (instanceof works across them)', async () => {
    const r = await sim(['run', 'test/fixtures/kernel-identity.ts', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).metrics).toEqual({ sameSimulation: 1, sameInterrupt: 1 });
    expect(r.code).toBe(0);
  });

  it('an exception thrown by a scenario module\'s own code is bad input: exit 2, its message and the module\'s file:line, no stack', async () => {
    const file = join(dir, 'buggy.mjs');
    writeFileSync(file, [
      'const params = { shape: {}, safeParse: (v) => ({ success: true, data: v }) };',
      'export default { id: "buggy", title: "t", source: "s", params, durationMs: () => 1000, faults: () => [],',
      '  build() { throw new RangeError("model bug"); }, metrics: () => ({}), claims: [] };',
    ].join('\n'));
    const r = await sim(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: .*buggy\.mjs:3:\d+: RangeError: model bug\n$/);
  });

  it('runs a scenario module given by absolute path', async () => {
    const r = await sim(['run', join(ROOT, TINY), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe('tiny');
  });
});

describe.concurrent('colour', () => {
  it('is off in a pipe, on with FORCE_COLOR or --color, off with NO_COLOR or --no-color', async () => {
    const text = ['run', TINY_JS, '--seed', '7'];
    const [piped, forced, flag, noColor, noColorFlag] = await Promise.all([
      sim(text),
      sim(text, { env: { FORCE_COLOR: '1' } }),
      sim([...text, '--color']),
      sim(text, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }),
      sim([...text, '--no-color'], { env: { FORCE_COLOR: '1' } }),
    ]);
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain(ESC);
    expect(forced.stdout).toContain(ESC);
    expect(flag.stdout).toContain(ESC);
    expect(noColor.stdout).not.toContain(ESC);
    expect(noColorFlag.stdout).not.toContain(ESC);
    // Colour changes the look, never the content.
    expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(piped.stdout);
  });

  it('never colours JSON', async () => {
    const r = await simOnce(FAILING_JSON, FORCED);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout).not.toContain(ESC);
  });
});

describe.concurrent('help, version and list', () => {
  it.each([[['--help']], [['-h']], [['help']], [[]]])('sim %j prints the usage with examples', async (args) => {
    const r = await sim(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('sim run <scenario> [options]');
    expect(r.stdout).toContain('Examples');
    expect(r.stdout).toContain('Exit codes');
  });

  it.each([[['run', '--help']], [['help', 'run']], [['run', '-h', 'anything']]])('sim %j prints the run usage', async (args) => {
    const r = await sim(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sim run <scenario> \[options\]/);
    expect(r.stdout).toContain('--until DURATION');
  });

  it('sim --version prints the package version', async () => {
    const r = await sim(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('sim list --json lists the registry', async () => {
    const r = await sim(['list', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ failsim: 1, scenarios: scenarios.map((s) => ({ id: s.id, title: s.title, source: s.source })) });
  });

  it('sim list prints every id, title and source', async () => {
    const r = await sim(['list']);
    expect(r.code).toBe(0);
    for (const s of scenarios) {
      expect(r.stdout).toContain(s.id);
      expect(r.stdout).toContain(s.title);
      expect(r.stdout).toContain(s.source);
    }
  });
});

const registered = scenarios.map((s) => s.id);

describe.concurrent('built-in scenarios', () => {
  it('sim run scenario-a --seed 42 --json matches the schema, and the exit code matches "ok"', async () => {
    const r = await simOnce(SCENARIO_A_42);
    expect(r.stderr).toBe('');
    const doc = JsonReportSchema.parse(JSON.parse(r.stdout));
    expect(doc.scenario).toBe('scenario-a');
    expect(r.code).toBe(doc.ok ? 0 : 1);
  });

  it('running scenarios/patroni-k8s/scenario-a.ts by path gives the same bytes as by id', async () => {
    // By id: the schema test's run of seed 42.
    const [byId, byPath] = await Promise.all([
      simOnce(SCENARIO_A_42),
      sim(['run', 'scenarios/patroni-k8s/scenario-a.ts', '--seed', '42', '--json']),
    ]);
    expect(byId.stdout.length).toBeGreaterThan(0);
    expect(byPath.stderr).toBe('');
    expect(byPath.stdout).toBe(byId.stdout);
  });

  it('an unknown id lists the registered ones: by family when all of them would not fit a line, or the ids of its own family', async () => {
    const [r, fam] = await Promise.all([sim(['run', 'no-such-scenario']), sim(['run', 'firewall-nope'])]);
    expect([r.code, fam.code]).toEqual([2, 2]);
    expect(r.stderr).toBe('sim: unknown scenario "no-such-scenario" (valid: scenario-* (4), flux-* (11), patterns-* (9), hdfs-* (8), firewall-* (16); sim list shows all 48)\n');
    expect(fam.stderr).toBe(`sim: unknown scenario "firewall-nope" (valid: ${registered.filter((id) => id.startsWith('firewall-')).join(', ')})\n`);
  });
});
