/**
 * Honest verdicts: a run that `--until` ends before a scheduled fault fires
 * (or before the fault schedule is over), or before an `eventually`
 * invariant's deadline, does not judge them: the report says "not reached"
 * for each, in text and --json, and the exit code is 1, never 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonReportSchema } from '../../src/report/json-schema.js';
import { ensureBuilt, sim, TINY } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-not-reached-'));
beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One fault at 10 s, and an invariant that converges only at 40 s, too late: it is judged 25 s after the fault, at 35 s.
writeFileSync(join(dir, 'converge.mjs'), `import { z } from 'zod';
import { defineScenario } from 'failsim';
export default defineScenario({
  id: 'converge', title: 'converges at 40 s', source: 'test',
  params: z.object({}),
  durationMs: () => 60_000,
  faults: () => [{ at: '10s', target: 'box', kind: 'kick' }],
  build(sim) { sim.faults.on('box', 'kick', () => {}); sim.schedule(1_000_000, function idle() { sim.schedule(1_000_000, idle); }); return {}; },
  metrics: () => ({}),
  claims: [],
  invariants: [{
    name: 'converged', kind: 'eventually', withinMs: () => 25_000,
    watch: (_w, sim) => ({ verdict: () => ({ pass: sim.now >= 40_000_000, detail: 'at ' + sim.now / 1000 + ' ms' }) }),
  }],
});
`);

const json = (stdout: string) => JsonReportSchema.parse(JSON.parse(stdout));

describe.concurrent('--until before the faults', () => {
  it('a claim whose fault never fired is "not reached", in text and JSON, and the exit code is 1', async () => {
    const [text, doc] = await Promise.all([sim(['run', TINY, '--until', '5s']), sim(['run', TINY, '--until', '5s', '--json'])]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/NOT REACHED {2}downtime stays under maxDowntimeMs: not reached: the run ended at 5\.000s, before the fault \(server crash\) at 10\.000s/);
    expect(text.stdout).toMatch(/result: NOT REACHED, 1 of 1 claims and invariants not reached/);
    expect(doc.code).toBe(1);
    const d = json(doc.stdout);
    expect(d.ok).toBe(false);
    expect(d.claims.map((c) => [c.verdict, c.pass])).toEqual([['not reached', false]]);
  });

  it('the same run to the end of the schedule is judged as usual (PASS, exit 0)', async () => {
    const r = await sim(['run', TINY, '--until', '30s', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).claims.map((c) => c.verdict)).toEqual(['pass']);
  });

  it('an eventually invariant whose deadline the run never reached is "not reached", exit 1', async () => {
    const r = await sim(['run', 'converge.mjs', '--until', '20s', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const inv = json(r.stdout).invariants[0]!;
    expect(inv).toMatchObject({ name: 'converged', verdict: 'not reached', pass: false });
    expect(inv.detail).toMatch(/^not reached: the run ended at 20\.000s, before the deadline 35\.000s/);
  });

  it('a run that reaches the deadline judges it: violated at 35 s, exit 1', async () => {
    const r = await sim(['run', 'converge.mjs', '--until', '40s', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout).invariants[0]).toMatchObject({ verdict: 'fail', pass: false, atMs: 35_000 });
  });
});
