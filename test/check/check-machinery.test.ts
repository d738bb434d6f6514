import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/check-loop.js';
import { checkReport } from '../../src/check/format-check.js';
import { checkJson } from '../../src/check/check-json.js';
import { CheckReportSchema } from '../../src/check/check-schema.js';
import { decodeGenes } from '../../src/check/fault-genes.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { faultsFromJson } from '../../src/scenario/fault-spec.js';
import { resolveParams } from '../../src/scenario/settings.js';
import { neverCrashes, tinyWith, upAgainWithin, WINDOW } from './tiny-with-faults.js';

const check = (s: ReturnType<typeof tinyWith>, runs = 30, params: Record<string, unknown> = {}) =>
  runCheck(s, runScenario, resolveParams(s.params, params), { runs, seed: 7, maxFaults: 3, params });

describe('sim check machinery on a tiny scenario', () => {
  it('a deliberately broken checker makes the check fail, shrunk to one fault at the end of the window', () => {
    const out = check(tinyWith([neverCrashes]));
    expect(out.counterexample, 'seed 7').not.toBeNull();
    const cx = out.counterexample!;
    expect(out.runs).toBe(1); // every schedule breaks it: the first run does
    expect(cx.size).toBe(1);
    // Shrinking moves toward later faults: fromEndMs 0 is the end of the window.
    expect(cx.faults).toEqual([{ at: WINDOW.toMs, target: 'server', kind: 'crash' }]);
    expect(cx.violated.map((v) => v.name)).toEqual(['the server never crashes']);
    expect(cx.violated[0]!.atMs).toBe(WINDOW.toMs);
    // The result is the run `sim run --seed S --faults FILE` gives.
    const replay = runScenario(tinyWith([neverCrashes]), { seed: cx.seed, faults: faultsFromJson(JSON.parse(JSON.stringify({ faults: cx.faults }))) });
    expect(replay.digest).toBe(cx.result.digest);
    expect(replay.invariants.find((i) => !i.pass)?.name).toBe('the server never crashes');
  });

  it('a correct eventually invariant holds in every run; one with too short a deadline is caught', () => {
    const ok = check(tinyWith([upAgainWithin(5_501)]));
    expect(ok.counterexample).toBeNull();
    expect(ok.runs).toBe(30);
    expect(ok.coverage.faultKinds()).toEqual([{ name: 'crash', runs: 30, of: 30 }]);
    expect(ok.coverage.paths()).toEqual([{ name: 'the server restarted', runs: 30, of: 30 }]);
    const tooShort = check(tinyWith([upAgainWithin(1_000)]));
    expect(tooShort.counterexample?.violated[0]?.detail).toMatch(/^still down at \d+\.\d{3}s, 1\.0s after the last fault was over/);
  });

  it('a check whose faults never fire says so instead of passing silently', () => {
    const out = check(tinyWith([neverCrashes], { fromMs: 70_000, toMs: 80_000 }), 10); // the run ends at 60 s
    expect(out.counterexample).toBeNull();
    expect(out.coverage.nothingFired).toBe(true);
    const input = { scenario: 'tiny', outcome: out, runsAsked: 10, seed: 7, params: {}, invariants: [{ name: 'the server never crashes', kind: 'always' as const }] };
    const text = checkReport(input);
    expect(text).toContain('  PASS  the server never crashes (always)');
    expect(text).toContain('no fault fired in any run: this check exercised nothing');
    expect(text).toContain('result: PASS in 10 runs, but no fault fired: nothing was tested');
    const doc = CheckReportSchema.parse(checkJson(input));
    expect(doc.ok).toBe(true);
    expect(doc.counterexample).toBeNull();
    expect(doc.coverage).toEqual({ runs: 10, faultKinds: [{ name: 'crash', runs: 0 }], paths: [{ name: 'the server restarted', runs: 0 }], nothingFired: true });
  });

  it('genes decode to sorted schedules inside the window, mildest first at index 0', () => {
    const kinds = [
      { name: 'crash', targets: ['a', 'b'], severities: [0], expand: (t: string, _s: number, at: number) => [{ at, target: t, kind: 'crash' }] },
      { name: 'cut', targets: ['a'], severities: [1_000, 9_000], expand: (t: string, s: number, at: number) => [{ at, target: 'net', kind: 'isolate', params: { host: t } }, { at: at + s, target: 'net', kind: 'heal' }] },
    ];
    const { faults, drawn } = decodeGenes(kinds, { fromMs: 100, toMs: 500 }, [
      { kind: 1, target: 3, severity: 1, fromEndMs: 400 },
      { kind: 0, target: 1, severity: 5, fromEndMs: 10_000 }, // clamped to the window's start
      { kind: 2, target: 0, severity: 0, fromEndMs: 0 }, // kind 2 wraps to crash at the end
    ]);
    expect(faults).toEqual([
      { at: 100, target: 'net', kind: 'isolate', params: { host: 'a' } },
      { at: 100, target: 'b', kind: 'crash' },
      { at: 500, target: 'a', kind: 'crash' },
      { at: 9_100, target: 'net', kind: 'heal' },
    ]);
    expect(drawn.map((d) => d.kind)).toEqual(['cut', 'crash', 'crash']);
  });
});
