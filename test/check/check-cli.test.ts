/**
 * `sim check` as a user runs it: the built binary in a child process, in a
 * scratch folder (the faults file goes to the current folder).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultFileSchema } from '../../src/scenario/fault-spec.js';
import { RegressionSchema } from '../../src/check/regression-file.js';
import { CheckReportSchema } from '../../src/check/check-schema.js';
import { ensureBuilt, lines, sim } from '../cli/sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-check-'));

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The words of a printed `sim run ...` replay line, without the leading "sim". */
function replayArgs(stdout: string): string[] {
  const line = lines(stdout).find((l) => l.startsWith('replay: '));
  expect(line, stdout).toBeDefined();
  return line!.slice('replay: sim '.length).split(' ');
}

/**
 * The 200-run check of flux-worker-crash with commitMode=before, in text:
 * made once, read by the two tests below that need its counterexample.
 */
const SAVE = join(dir, 'commit-before.json');
/**
 * One worker thread for the 200-run searches (about half the CPU of the
 * default two, as fast in wall time): the report is the same for any count
 * (check-workers-flag.test.ts).
 */
const W1 = ['--workers', '1'];
let beforeText: ReturnType<typeof sim> | undefined;
const checkBeforeText = () => (beforeText ??= sim(['check', 'flux-worker-crash', '--set', 'commitMode=before', '--runs', '200', ...W1, '--save', SAVE], { cwd: dir }));

describe.concurrent('sim check (CLI)', () => {
  it('flux-worker-crash with commitMode=before: exit 1, a faults file, a regression file, and a replay command that reproduces it', async () => {
    const r = await checkBeforeText();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^counterexample in run \d+ of 200: .* to 1 fault:$/m);
    expect(r.stdout).toMatch(/^ {2}FAIL {2}no accepted order lost \(always\): /m);
    expect(r.stdout).toMatch(/^trace around the violation at /m);
    const digest = /^digest ([0-9a-f]{16})$/m.exec(r.stdout)?.[1];
    expect(digest).toBeDefined();

    const args = replayArgs(r.stdout);
    expect(args.slice(0, 2)).toEqual(['run', 'flux-worker-crash']);
    expect(args).toContain('commitMode=before');
    const faultsFile = args[args.indexOf('--faults') + 1]!;
    expect(faultsFile).toMatch(/^sim-check-flux-worker-crash-\d+\.faults\.json$/);
    expect(FaultFileSchema.safeParse(JSON.parse(readFileSync(join(dir, faultsFile), 'utf8'))).success).toBe(true);

    const again = await sim([...args, '--json'], { cwd: dir });
    expect(again.code).toBe(1);
    const doc = JSON.parse(again.stdout);
    expect(doc.digest).toBe(digest);
    expect(doc.ok).toBe(false);
    expect(doc.invariants.find((i: { name: string }) => i.name === 'no accepted order lost').pass).toBe(false);
    expect(doc.coverage.faults).toEqual({ crash: 1 });

    const reg = RegressionSchema.parse(JSON.parse(readFileSync(SAVE, 'utf8')));
    expect(reg.found.digest).toBe(digest);
    expect(reg.params).toEqual({ commitMode: 'before' });
    expect(reg.expect).toContainEqual({ invariant: 'no accepted order lost', outcome: 'violated' });
  });

  it('flux-worker-crash with the default commitMode=after: exit 0, and it says how often crashes fired', async () => {
    const r = await sim(['check', 'flux-worker-crash', '--runs', '20', '--seed', '5'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('no counterexample in 20 runs');
    expect(r.stdout).toMatch(/^ {4}crash +100% +20\/20$/m);
    expect(r.stdout).toMatch(/^result: PASS, every invariant held in 20 runs$/m);
    expect(r.stderr).toBe(''); // progress only on a terminal
  });

  it('--json prints CheckReportSchema documents: the same counterexample as the text report, and a pass with its coverage', async () => {
    // The text report is the first test's (the same check; its faults file has the default name).
    const [text, failed, passed] = await Promise.all([
      checkBeforeText(),
      sim(['check', 'flux-worker-crash', '--set', 'commitMode=before', '--runs', '200', ...W1, '--faults-out', 'json.faults.json', '--json'], { cwd: dir }),
      sim(['check', 'flux-worker-crash', '--runs', '20', '--seed', '5', '--json'], { cwd: dir }),
    ]);
    expect(failed.code, failed.stderr).toBe(1);
    const doc = CheckReportSchema.parse(JSON.parse(failed.stdout));
    expect(doc.ok).toBe(false);
    expect(doc.params).toEqual({ commitMode: 'before' });
    const cx = doc.counterexample!;
    expect(cx.digest).toBe(/^digest ([0-9a-f]{16})$/m.exec(text.stdout)?.[1]);
    expect(cx.size).toBe(1);
    expect(cx.faults).toEqual([{ at: expect.any(Number), target: expect.stringMatching(/^worker-\d$/), kind: 'crash' }]);
    expect(cx.violated).toContain('no accepted order lost');
    expect(cx.verdicts.find((v) => v.name === 'no accepted order lost')?.pass).toBe(false);
    expect(cx.faultsFile).toBe('json.faults.json');
    const textArgs = replayArgs(text.stdout);
    const textFaults = textArgs[textArgs.indexOf('--faults') + 1]!;
    expect(cx.replay).toBe(textArgs.join(' ').replace(textFaults, 'json.faults.json').replace(/^/, 'sim '));
    expect(JSON.parse(readFileSync(join(dir, 'json.faults.json'), 'utf8'))).toEqual({ faults: cx.faults });

    expect(passed.code, passed.stderr).toBe(0);
    const ok = CheckReportSchema.parse(JSON.parse(passed.stdout));
    expect(ok).toMatchObject({ ok: true, counterexample: null, runs: 20, runsAsked: 20, seed: 5, params: {} });
    expect(ok.coverage.faultKinds).toEqual([{ name: 'crash', runs: 20 }]);
    expect(ok.coverage.nothingFired).toBe(false);
  });

  it('sim help check and sim check --help print the same usage', async () => {
    const [a, b] = await Promise.all([sim(['help', 'check']), sim(['check', '--help'])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^Usage: sim check <scenario>/);
  });
});

describe('sim check: bad input is one line on stderr, exit 2, nothing run or written', () => {
  const existing = join(dir, 'existing.json');
  beforeAll(() => writeFileSync(existing, '{}'));

  const cases: [string, string[], RegExp][] = [
    ['no scenario', ['check'], /^sim: check: missing scenario/],
    ['--runs 0', ['check', 'scenario-a', '--runs', '0'], /--runs "0": expected a positive integer/],
    ['--runs abc', ['check', 'scenario-a', '--runs', 'abc'], /--runs "abc": expected a positive integer/],
    ['--max-faults 0', ['check', 'scenario-a', '--max-faults', '0'], /--max-faults "0": expected a positive integer/],
    ['--max-faults too many', ['check', 'scenario-a', '--max-faults', '50'], /--max-faults 50: at most 20/],
    ['--seed -3', ['check', 'scenario-a', '--seed', '-3'], /--seed "-3": expected a non-negative integer/],
    ['unknown scenario', ['check', 'no-such'], /unknown scenario "no-such" \(valid: scenario-\* \(4\), flux-\* /],
    ['unknown --set key', ['check', 'scenario-a', '--set', 'nope=1'], /unknown parameter "nope"/],
    ['bad --set value', ['check', 'scenario-a', '--set', 'replication=maybe'], /parameter replication="maybe"/],
    ['a scenario without a fault space', ['check', 'flux-redis-oom'], /scenario "flux-redis-oom" declares no fault space \(scenarios with one: scenario-a, /],
    ['--save onto an existing file', ['check', 'scenario-a', '--save', existing], /--save ".*existing\.json": the file exists/],
    ['--save into a missing folder', ['check', 'scenario-a', '--save', join(dir, 'nope', 'x.json')], /--save ".*x\.json": the folder .* does not exist/],
    ['unknown option', ['check', 'scenario-a', '--fast'], /check: unknown option --fast/],
  ];

  // Side by side (each its own process); the check below runs after all of them.
  describe.concurrent('each', () => {
    it.each(cases)('%s', async (_name, args, message) => {
      const r = await sim(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  });

  it('wrote no faults file for any of them', () => {
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    expect(readFileSync(existing, 'utf8')).toBe('{}');
  });
});
