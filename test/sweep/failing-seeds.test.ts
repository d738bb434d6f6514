/**
 * `sim sweep` names what failed: for each failed claim and violated
 * invariant, the first failing seeds and the `sim run` that replays each.
 * End to end on a fixture whose claim always holds and whose invariant
 * breaks in some seeds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SweepSummarySchema } from '../../src/stats/summary-schema.js';
import { RunRecordSchema } from '../../src/sweep/record-file.js';
import { ensureBuilt, FIXTURE, lines, sim } from './helpers.js';

const INVARIANT_FIXTURE = 'test/fixtures/invariant-scenario.mjs';
const RUNS = ['--runs', '12', '--seed', '3', '--set', 'maxOutageMs=7000'];
const dir = mkdtempSync(join(tmpdir(), 'failsim-failing-'));

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('the failing seeds of a sweep', () => {
  it('text: the violated invariant with its replay commands, exit 1 though every claim held; a replay reproduces it', async () => {
    const r = await sim(['sweep', INVARIANT_FIXTURE, ...RUNS, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  PASS  the server crashed once');
    const block = lines(r.stdout.slice(r.stdout.indexOf('failed runs')));
    expect(block[0]).toBe('failed runs (first 3 seeds of each)');
    expect(block[1]).toMatch(/^ {2}invariant "never down longer than maxOutageMs": \d+ of 12 runs$/);
    const replays = block.slice(2, 5);
    for (const cmd of replays) expect(cmd).toMatch(/^ {4}sim run test\/fixtures\/invariant-scenario\.mjs --seed \d+ --set maxOutageMs=7000$/);
    const words = replays[0]!.trim().split(' ').slice(1);
    const replayed = await sim(words);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toMatch(/FAIL.*never down longer than maxOutageMs/);
  });

  it('--json: failures[] with seeds and replay; records carry invariants; shards merged give the same bytes', async () => {
    const [s0, s1] = [join(dir, 's0.ndjson'), join(dir, 's1.ndjson')];
    const [whole, , ] = await Promise.all([
      sim(['sweep', INVARIANT_FIXTURE, ...RUNS, '--json']),
      sim(['sweep', INVARIANT_FIXTURE, ...RUNS, '--shard', '0/2', '--out', s0]),
      sim(['sweep', INVARIANT_FIXTURE, ...RUNS, '--shard', '1/2', '--out', s1]),
    ]);
    expect(whole.code).toBe(1);
    const summary = SweepSummarySchema.parse(JSON.parse(whole.stdout));
    expect(summary.failures).toHaveLength(1);
    const f = summary.failures![0]!;
    expect(f).toMatchObject({ name: 'never down longer than maxOutageMs', kind: 'invariant', runs: 12 });
    expect(f.failedRuns).toBeGreaterThan(0);
    expect(f.failedRuns).toBeLessThan(12);
    expect(f.replay).toEqual(f.seeds.map((seed) => `sim run ${INVARIANT_FIXTURE} --seed ${seed} --set maxOutageMs=7000`));
    const record = RunRecordSchema.parse(JSON.parse(readFileSync(s0, 'utf8').split('\n')[0]!));
    expect(Object.keys(record)).toEqual(['scenario', 'index', 'seed', 'params', 'digest', 'metrics', 'claims', 'invariants']);
    const [mergedJson, mergedText, wholeText] = await Promise.all([
      sim(['merge', s1, s0, '--scenario', INVARIANT_FIXTURE, '--json']),
      sim(['merge', s0, s1, '--scenario', INVARIANT_FIXTURE]),
      sim(['sweep', INVARIANT_FIXTURE, ...RUNS]),
    ]);
    expect(mergedJson.code).toBe(1);
    expect(mergedJson.stdout).toBe(whole.stdout);
    expect(mergedText.stdout).toBe(wholeText.stdout);
  });

  it('a scenario without invariants writes records without the field, as before', async () => {
    const file = join(dir, 'plain.ndjson');
    const r = await sim(['sweep', FIXTURE, '--runs', '3', '--out', file]);
    expect(r.stderr).toBe('');
    for (const line of lines(readFileSync(file, 'utf8'))) expect(Object.keys(JSON.parse(line) as object)).not.toContain('invariants');
  });
});
