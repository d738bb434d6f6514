/**
 * Interrupted sweeps lose no finished run: kill one half-way (SIGKILL, and a
 * half-written last line), resume it, and get the summary of a sweep that
 * was never interrupted. A corrupt line anywhere but at the end is an error.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeLines, ensureBuilt, FINDING, FIXTURE, indices, lines, sim, start, waitForLines } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-resume-'));

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// requestIntervalMs=10 makes each run ~100x the default's events: a few ms,
// so a 300-run sweep lasts long enough to be killed in the middle.
const SLOW = ['--set', 'requestIntervalMs=10', '--runs', '300', '--seed', '3'];
const SMALL = ['--runs', '30', '--seed', '9'];

let small: Promise<{ json: string; file: string }> | undefined;
function smallSweep(): Promise<{ json: string; file: string }> {
  small ??= (async () => {
    const file = join(dir, 'small.ndjson');
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--workers', '1', '--out', file, '--json']);
    expect(r.code).toBe(FINDING);
    return { json: r.stdout, file };
  })();
  return small;
}

function copyLines(from: string, to: string, keep: (line: string, i: number) => string | null): string[] {
  const kept = lines(readFileSync(from, 'utf8')).map(keep).filter((l): l is string => l !== null);
  writeFileSync(to, kept.map((l) => `${l}\n`).join(''));
  return kept;
}

describe.concurrent('sim sweep --resume', () => {
  it('a sweep killed half-way (SIGKILL, last line cut in half) resumes to the uninterrupted summary', async () => {
    const file = join(dir, 'killed.ndjson');
    // One worker: the summary is the same bytes for any count (sweep.test.ts); the killed and resumed sweeps have two.
    const uninterrupted = sim(['sweep', FIXTURE, ...SLOW, '--workers', '1', '--json']);
    const { child, done } = start(['sweep', FIXTURE, ...SLOW, '--workers', '2', '--out', file]);
    await waitForLines(file, 20);
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    const have = completeLines(file);
    expect(have).toBeLessThan(300);
    // Cut the last complete line in half, as a kill in the middle of a write would.
    const text = readFileSync(file, 'utf8');
    const body = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1);
    const last = text.slice(body.length, -1);
    writeFileSync(file, body + last.slice(0, Math.floor(last.length / 2)));

    const resumed = await sim(['sweep', FIXTURE, ...SLOW, '--workers', '2', '--resume', file, '--json']);
    expect(resumed.code).toBe(FINDING);
    expect(resumed.stderr).toMatch(new RegExp(`^sim: ".*killed.ndjson" line ${have} was cut off \\(.*\\): dropped, its run is done again\\n$`));
    const ref = await uninterrupted;
    expect(resumed.stdout).toBe(ref.stdout);
    expect(indices(file)).toEqual([...Array(300).keys()]);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('a truncated last line (no newline) is dropped and its run done again', async () => {
    const { json, file: full } = await smallSweep();
    const file = join(dir, 'truncated.ndjson');
    const kept = copyLines(full, file, (l, i) => (i < 12 ? l : null));
    const next = lines(readFileSync(full, 'utf8'))[12]!;
    appendFileSync(file, next.slice(0, 25));
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--workers', '1', '--resume', file, '--json']);
    expect(r.code).toBe(FINDING);
    expect(r.stderr).toMatch(/line 13 was cut off/);
    expect(r.stdout).toBe(json);
    expect(lines(readFileSync(file, 'utf8')).slice(0, 12)).toEqual(kept);
    expect(indices(file)).toEqual([...Array(30).keys()]);
  });

  it('an unparsable last line with its newline is dropped too', async () => {
    const { json, file: full } = await smallSweep();
    const file = join(dir, 'garbled-last.ndjson');
    copyLines(full, file, (l, i) => (i < 20 ? l : i === 20 ? '{"scenario":"sweep-fix' : null));
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--workers', '1', '--resume', file, '--json']);
    expect(r.code).toBe(FINDING);
    expect(r.stdout).toBe(json);
    expect(indices(file)).toEqual([...Array(30).keys()]);
  });

  it('a file that is not a run file (a one-line JSON config, no final newline) is refused and left byte-identical', async () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, '{"workers":4,"runs":30}');
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--resume', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/--resume ".*config.json": line 1: not a run record .*; not a run file of this sweep \(sweep-fixture\), left as it was/);
    expect(readFileSync(file, 'utf8')).toBe('{"workers":4,"runs":30}');
  });

  it('records of this sweep followed by a last line that is not the start of one: refused, the file left alone', async () => {
    const { file: full } = await smallSweep();
    const file = join(dir, 'foreign-tail.ndjson');
    copyLines(full, file, (l, i) => (i < 5 ? l : null));
    appendFileSync(file, 'my notes');
    const before = readFileSync(file, 'utf8');
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--resume', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 6: not valid JSON; not a run file of this sweep/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a corrupt line in the middle is an error naming the line; the file is left alone', async () => {
    const { file: full } = await smallSweep();
    const file = join(dir, 'corrupt.ndjson');
    copyLines(full, file, (l, i) => (i === 4 ? l.slice(0, 30) : i < 10 ? l : null));
    const before = readFileSync(file, 'utf8');
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--resume', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/--resume ".*corrupt.ndjson": line 5: not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a record that is valid JSON but not a run record is an error naming the line', async () => {
    const { file: full } = await smallSweep();
    const file = join(dir, 'not-a-record.ndjson');
    copyLines(full, file, (l, i) => (i === 2 ? l.replace(/"digest":"[0-9a-f]+"/, '"digest":42') : i < 6 ? l : null));
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--resume', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3: not a run record \("digest"/);
  });

  it('records of another sweep (seed, parameters, --runs) are refused', async () => {
    const { file } = await smallSweep();
    const before = readFileSync(file, 'utf8');
    const [seed, set, runs] = await Promise.all([
      sim(['sweep', FIXTURE, '--runs', '30', '--seed', '10', '--resume', file]),
      sim(['sweep', FIXTURE, ...SMALL, '--set', 'mode=lenient', '--resume', file]),
      sim(['sweep', FIXTURE, '--runs', '20', '--seed', '9', '--resume', file]),
    ]);
    for (const r of [seed, set, runs]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
    }
    expect(seed.stderr).toMatch(/started from --seed 9, but this sweep from --seed 10 \(not the same sweep\)/);
    expect(set.stderr).toMatch(/has mode="strict", but mode="lenient" in this sweep/);
    expect(runs.stderr).toMatch(/is past --runs 20/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('resuming a finished sweep runs nothing and prints the same summary', async () => {
    const { json, file } = await smallSweep();
    const before = readFileSync(file, 'utf8');
    const r = await sim(['sweep', FIXTURE, ...SMALL, '--workers', '1', '--resume', file, '--json']);
    expect(r.code).toBe(FINDING);
    expect(r.stdout).toBe(json);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('SIGINT stops handing out runs, leaves only complete lines and exits 130', async () => {
    const file = join(dir, 'interrupted.ndjson');
    const { child, done } = start(['sweep', FIXTURE, '--set', 'requestIntervalMs=10', '--runs', '5000', '--workers', '2', '--out', file]);
    await waitForLines(file, 10);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/SIGINT: stopped after \d+ of 5000 runs; every finished run is in ".*interrupted.ndjson". Continue with: sim sweep test\/fixtures\/sweep-scenario.mjs --runs 5000 --seed 1 --set requestIntervalMs=10 --resume /);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const held = indices(file);
    expect(held.length).toBeLessThan(5000);
    expect(new Set(held).size).toBe(held.length);
    expect(r.stderr).toContain(`stopped after ${held.length} of 5000 runs`);
  });
});
