/**
 * A file failsim did not write is never overwritten or truncated: --trace,
 * --out, --faults-out and --save refuse an existing file (exit 2, the file
 * byte-identical) unless told --force, all through one helper
 * (src/io/output-file.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, sim, TINY } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-outputs-'));
const OLD = 'notes I did not want to lose\n';
const existing = (name: string) => { const p = join(dir, name); writeFileSync(p, OLD); return p; };

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusals: [string, (f: string) => string[], string][] = [
  ['run --trace', (f) => ['run', TINY, '--trace', f], '--trace'],
  ['sweep --out', (f) => ['sweep', TINY, '--runs', '2', '--workers', '1', '--out', f], '--out'],
  ['check --faults-out', (f) => ['check', 'flux-worker-crash', '--runs', '1', '--faults-out', f], '--faults-out'],
  ['check --save', (f) => ['check', 'flux-worker-crash', '--runs', '1', '--save', f], '--save'],
  ['tui --out', (f) => ['tui', 'scenario-a', '--out', f], '--out'],
];

describe.concurrent('an existing output file', () => {
  it.each(refusals)('%s: refused with exit 2 before any work, the file byte-identical', async (name, argv, flag) => {
    const f = existing(`${name.replace(/\W+/g, '-')}.txt`);
    const r = await sim(argv(f));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`sim: ${flag} "${f}": the file exists (give --force to replace it`);
    expect(readFileSync(f, 'utf8')).toBe(OLD);
  });

  it('run --trace --force replaces it with the trace', async () => {
    const f = existing('forced.ndjson');
    const r = await sim(['run', TINY, '--trace', f, '--force', '--json']);
    expect(r.code).toBe(0);
    const traced = lines(readFileSync(f, 'utf8'));
    expect(traced.at(-1)).toContain(`"chain":"${(JSON.parse(r.stdout) as { digest: string }).digest}"`);
  });

  it('sweep --out --force starts the file afresh', async () => {
    const f = existing('forced-sweep.ndjson');
    const r = await sim(['sweep', TINY, '--runs', '2', '--workers', '1', '--out', f, '--force']);
    expect(r.code).toBe(0);
    expect(lines(readFileSync(f, 'utf8')).map((l) => (JSON.parse(l) as { index: number }).index).sort()).toEqual([0, 1]);
  });

  it('--out that is a directory is refused even with --force', async () => {
    const r = await sim(['sweep', TINY, '--runs', '2', '--out', dir, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out ".*": is a directory/);
  });
});
