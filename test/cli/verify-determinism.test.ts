/** `sim run --verify-determinism`: a second run in the same process, compared record by record. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonReportSchema } from '../../src/report/json-schema.js';
import { ensureBuilt, lines, sim, TINY } from './sim.js';

const LEAKY = 'test/fixtures/nondeterministic-scenario.ts';
const dir = mkdtempSync(join(tmpdir(), 'failsim-verify-'));

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('sim run --verify-determinism', () => {
  it('a deterministic scenario: verified, exit 0, and --trace holds the (first) run', async () => {
    const trace = join(dir, 'tiny.ndjson');
    const r = await sim(['run', TINY, '--seed', '5', '--verify-determinism', '--trace', trace]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const digest = /digest ([0-9a-f]{16})/.exec(r.stdout)![1]!;
    expect(lines(r.stdout).at(-1)).toMatch(new RegExp(`^determinism: verified, a second run gave the same \\d+ trace records \\(digest ${digest}\\) and metrics$`));
    const traceLines = readFileSync(trace, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(traceLines.at(-1)!).chain).toBe(digest);
    expect(r.stdout).toContain(`trace records ${traceLines.length}`);
  });

  it('state a module keeps between runs: exit 1, names the first divergent record with both runs around it', async () => {
    const r = await sim(['run', LEAKY, '--verify-determinism']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PASS  it looks things up'); // the claim held: the 1 is the determinism failure
    const text = r.stdout.slice(r.stdout.indexOf('determinism: FAIL'));
    const key = /run 1 > #4 {2}2\.000s {2}cache {2}miss {2}\{"key":(\d+)\}/.exec(text)?.[1];
    expect(key, text).toBeDefined();
    expect(text).toContain('first divergence at record 4 (t=2.000s): differs in kind\n');
    expect(text).toContain('  same    #1  0.000s  node-0  boot\n');
    expect(text).toContain('  same    #3  0.000s  node-2  boot\n');
    expect(text).toContain(`  run 2 > #4  2.000s  cache  hit  {"key":${key}}\n`);
    expect(text).toMatch(/digests: run 1 [0-9a-f]{16}, run 2 [0-9a-f]{16}\n {2}metrics that differ: hits\n$/);
  });

  it('--json carries the verdict in "determinism", valid against the schema', async () => {
    const [leaky, random, tiny] = await Promise.all([
      sim(['run', LEAKY, '--verify-determinism', '--json']),
      sim(['run', LEAKY, '--verify-determinism', '--json', '--set', 'leak=math-random']),
      sim(['run', TINY, '--verify-determinism', '--json']),
    ]);
    expect(leaky.code).toBe(1);
    const doc = JsonReportSchema.parse(JSON.parse(leaky.stdout));
    expect(doc.ok).toBe(true);
    const d = doc.determinism!;
    expect(d).toMatchObject({ identical: false, differentMetrics: ['hits'] });
    expect(d.secondDigest).not.toBe(doc.digest);
    const div = d.divergence!;
    expect(div.record).toBe(4);
    expect(div.differs).toEqual(['kind']);
    expect(div.before.map((x) => [x.record, x.source, x.kind])).toEqual([[1, 'node-0', 'boot'], [2, 'node-1', 'boot'], [3, 'node-2', 'boot']]);
    expect(div.a[0]).toMatchObject({ record: 4, tMs: 2000, source: 'cache', kind: 'miss' });
    expect(div.b[0]).toMatchObject({ record: 4, tMs: 2000, source: 'cache', kind: 'hit', data: div.a[0]!.data });
    expect(div.a.map((x) => x.record)).toEqual([4, 5, 6, 7]);

    expect(random.code).toBe(1);
    const rd = JsonReportSchema.parse(JSON.parse(random.stdout)).determinism!;
    expect(rd.divergence).toMatchObject({ record: 4, differs: ['data.key'] });
    expect([rd.divergence!.a[0]!.kind, rd.divergence!.b[0]!.kind]).toEqual(['miss', 'miss']);

    expect(tiny.code).toBe(0);
    const td = JsonReportSchema.parse(JSON.parse(tiny.stdout));
    expect(td.determinism).toEqual({ identical: true, secondDigest: td.digest, differentMetrics: [], divergence: null });
  });

  it('without the flag the report has no "determinism" field', async () => {
    const r = await sim(['run', TINY, '--json']);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('determinism');
  });
});
