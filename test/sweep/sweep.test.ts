/**
 * `sim sweep`, `sim merge`, `sim compare` and `sim matrix` end to end: the
 * built binary in child processes, on the tiny fixture with few runs. The
 * summary depends only on scenario, parameters and seeds: the same bytes
 * for one worker or two, and for shards merged.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComparisonSchema, SweepSummarySchema } from '../../src/stats/summary-schema.js';
import { RunRecordSchema } from '../../src/sweep/record-file.js';
import { ensureBuilt, FINDING, FIXTURE, indices, lines, sim, TINY } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-sweep-'));
// Requests every ~20 s: some runs see no failed request, so firstFailureMs is NaN (null) there.
const RUNS = ['--runs', '40', '--seed', '5', '--set', 'requestIntervalMs=20000'];
/**
 * One worker thread where the count is not what a test is about (each more
 * thread loads the scenario again): the tests that are about it run
 * --workers 1 and --workers 2 and compare the two, byte for byte.
 */
const W1 = ['--workers', '1'];

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One worker, with --out: shared by several tests below. */
let reference: Promise<{ json: string; file: string }> | undefined;
function referenceSweep(): Promise<{ json: string; file: string }> {
  reference ??= (async () => {
    const file = join(dir, 'w1.ndjson');
    const r = await sim(['sweep', FIXTURE, ...RUNS, '--workers', '1', '--json', '--out', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(FINDING);
    return { json: r.stdout, file };
  })();
  return reference;
}

/** The text summary of one worker: read by the text test and the shard test. */
let referenceText: ReturnType<typeof sim> | undefined;
const referenceTextSweep = () => (referenceText ??= sim(['sweep', FIXTURE, ...RUNS, '--workers', '1']));

describe.concurrent('sim sweep', () => {
  it('--json is byte-identical for one worker and two', async () => {
    const [one, two] = await Promise.all([referenceSweep(), sim(['sweep', FIXTURE, ...RUNS, '--workers', '2', '--json'])]);
    expect(two.code).toBe(FINDING);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.json);
    const s = SweepSummarySchema.parse(JSON.parse(one.json));
    expect(s).toMatchObject({ scenario: 'sweep-fixture', runs: 40, seeds: { first: 5, last: 44 }, params: { restartDelayMs: 5000, mode: 'strict' } });
    // Bootstrap-t from a stream of seed 5: the same interval for one worker and two (the bytes above).
    expect(s.metrics.downtimeMs).toMatchObject({ events: 40, ciMethod: 'bootstrap-t', ciWarning: null });
    expect(s.claims['downtime stays under maxDowntimeMs'].runs).toBe(40);
    expect(s.claims['downtime stays under maxDowntimeMs'].passed).toBeLessThan(40);
    expect(s.metrics.firstFailureMs.n).toBeLessThan(40);
  });

  it('a TypeScript scenario (tsx in each worker): two workers give the summary merge gives from the file', async () => {
    const file = join(dir, 'tiny.ndjson');
    const r = await sim(['sweep', TINY, '--runs', '12', '--workers', '2', '--json', '--out', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // tiny's claim holds in all 12 runs: exit 0, unlike FIXTURE's sweeps
    expect(JSON.parse(r.stdout)).toMatchObject({ scenario: 'tiny', runs: 12 });
    const merged = await sim(['merge', file, '--scenario', TINY, '--json']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(r.stdout);
  });

  it('the text summary is byte-identical for one worker and two, and quiet on a non-terminal stderr', async () => {
    const [one, two] = await Promise.all([
      referenceTextSweep(),
      sim(['sweep', FIXTURE, ...RUNS, '--workers', '2']),
    ]);
    expect(one.code).toBe(FINDING);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toMatch(/^sweep-fixture {2}40 runs, seeds 5\.\.44\n/);
    expect(one.stdout).not.toContain('\u001b[');
    expect(one.stdout).not.toMatch(/runs\/s|ETA/);
  });

  it('--out holds one valid record per run, each replayable with sim run --seed', async () => {
    const { file } = await referenceSweep();
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const records = lines(text).map((l) => RunRecordSchema.parse(JSON.parse(l)));
    expect(records.map((r) => r.index).sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    for (const r of records) expect(r.seed).toBe(5 + r.index);
    const r7 = records.find((r) => r.index === 7)!;
    const run = await sim(['run', FIXTURE, '--seed', String(r7.seed), '--set', 'requestIntervalMs=20000', '--json']);
    const doc = JSON.parse(run.stdout);
    expect(r7.digest).toBe(doc.digest);
    expect(r7.metrics).toEqual(doc.metrics);
    expect(r7.params).toEqual(doc.params);
    expect(Object.keys(JSON.parse(lines(text)[0]!))).toEqual(['scenario', 'index', 'seed', 'params', 'digest', 'metrics', 'claims']);
  });

  it('shards 0/2 and 1/2 (the second from JOB_COMPLETION_INDEX) merge to the unsplit summary, byte for byte', async () => {
    const s0 = join(dir, 'shard-0.ndjson'), s1 = join(dir, 'shard-1.ndjson');
    const [a, b, ref] = await Promise.all([
      sim(['sweep', FIXTURE, ...RUNS, ...W1, '--shard', '0/2', '--out', s0, '--json']),
      sim(['sweep', FIXTURE, ...RUNS, ...W1, '--shard-count', '2', '--out', s1, '--json'], { env: { JOB_COMPLETION_INDEX: '1' } }),
      referenceSweep(),
    ]);
    expect([a.code, b.code]).toEqual([FINDING, FINDING]);
    expect(indices(s0)).toEqual([...Array(20).keys()].map((i) => 2 * i));
    expect(indices(s1)).toEqual([...Array(20).keys()].map((i) => 2 * i + 1));
    expect(JSON.parse(a.stdout).runs).toBe(20);
    const [merged, mergedText, unsplitText] = await Promise.all([
      sim(['merge', s1, s0, '--scenario', FIXTURE, '--json']),
      sim(['merge', s0, s1, '--scenario', FIXTURE, '--runs', '40']),
      referenceTextSweep(),
    ]);
    expect(unsplitText.code).toBe(FINDING);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(FINDING);
    expect(merged.stdout).toBe(ref.json);
    expect(mergedText.code).toBe(FINDING);
    expect(mergedText.stdout).toBe(unsplitText.stdout);
  });

  it('--incidents-per-year adds per-year figures and reaches merge too', async () => {
    const { file } = await referenceSweep();
    const [sweep, merged] = await Promise.all([
      sim(['sweep', FIXTURE, ...RUNS, ...W1, '--json', '--incidents-per-year', '12']),
      sim(['merge', file, '--scenario', FIXTURE, '--json', '--incidents-per-year', '12']),
    ]);
    expect(sweep.code).toBe(FINDING);
    expect(JSON.parse(sweep.stdout).perYear).toBeDefined();
    expect(merged.stdout).toBe(sweep.stdout);
  });

  it('--metric keeps only the metrics asked for, in that order, in sweep and merge alike', async () => {
    const { file } = await referenceSweep();
    const pick = ['--metric', 'failedRequests', '--metric', 'downtimeMs'];
    const [sweep, merged] = await Promise.all([
      sim(['sweep', FIXTURE, ...RUNS, ...W1, '--json', ...pick]),
      sim(['merge', file, '--scenario', FIXTURE, '--json', '--metric', 'failedRequests,downtimeMs']),
    ]);
    expect(sweep.code).toBe(FINDING);
    expect(Object.keys(JSON.parse(sweep.stdout).metrics)).toEqual(['failedRequests', 'downtimeMs']);
    expect(merged.stdout).toBe(sweep.stdout);
  });
});

describe.concurrent('sim compare and sim matrix', () => {
  it('compare runs the same seeds under --set and --vs, deterministically', async () => {
    const args = ['compare', FIXTURE, '--set', 'restartDelayMs=5000', '--vs', 'restartDelayMs=12000', '--both', 'requestIntervalMs=500', '--runs', '12'];
    const [json, again, text] = await Promise.all([sim([...args, '--json', '--workers', '1']), sim([...args, '--json', '--workers', '2']), sim([...args, ...W1])]);
    expect(json.code).toBe(FINDING);
    expect(json.stderr).toBe('');
    expect(again.stdout).toBe(json.stdout);
    const c = ComparisonSchema.parse(JSON.parse(json.stdout));
    expect(c).toMatchObject({ runs: 12, seeds: { first: 1, last: 12 }, params: { a: { restartDelayMs: 5000, requestIntervalMs: 500 }, b: { restartDelayMs: 12000, requestIntervalMs: 500 } } });
    // The request count never differs between the sides: its [0, 0] is flagged, in the JSON and in the text.
    expect(c.metrics.requests!.difference).toMatchObject({ ci95: [0, 0], events: 0, ciWarning: 'too-few-events' });
    expect(text.stdout).toMatch(/\n {2}note: fewer than 10 runs with an event \(a value other than the most common\n {8}one\), too few for a trustworthy 95% interval:.*requests \(0 of 12\)/s);
    expect(c.claims['downtime stays under maxDowntimeMs']!.b!.passed).toBe(0);
    expect(text.code).toBe(FINDING);
    expect(text.stdout).toContain('restartDelayMs=5000');
    expect(text.stdout).toContain('restartDelayMs=12000');
  });

  it('matrix expands a family to every scenario whose id starts with it', async () => {
    const r = await sim(['matrix', 'flux', '--runs', '1', '--json', '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(FINDING);
    const rows = JSON.parse(r.stdout) as { id: string }[];
    expect(rows.length).toBe(11);
    expect(rows.every((row) => row.id.startsWith('flux-'))).toBe(true);
  });

  it('matrix takes a comma-separated list of ids and paths', async () => {
    const r = await sim(['matrix', `${FIXTURE},test/fixtures/js-scenario.mjs`, '--runs', '3', '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(FINDING);
    expect(r.stdout).toContain('sweep-fixture');
    expect(r.stdout).toContain('js-tick');
  });
});
