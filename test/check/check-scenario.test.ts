import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckFailed, checkScenario, faultScheduleArbitrary } from '../../src/check/check-scenario.js';
import { neverCrashes, tinyWith, upAgainWithin, WINDOW } from './tiny-with-faults.js';

describe('checkScenario: sim check inside a test runner', () => {
  it('returns when no schedule breaks an invariant', () => {
    expect(() => checkScenario(tinyWith([upAgainWithin(60_000)]), { runs: 10 })).not.toThrow();
  });

  it('throws CheckFailed with the shrunk schedule (one crash) and its replay command', () => {
    let failure: unknown;
    try { checkScenario(tinyWith([neverCrashes]), { runs: 10, ref: 'my/tiny.ts' }); } catch (e) { failure = e; }
    expect(failure).toBeInstanceOf(CheckFailed);
    const f = failure as CheckFailed;
    expect(f.counterexample.faults).toHaveLength(1);
    expect(f.counterexample.faults[0]).toMatchObject({ target: 'server', kind: 'crash' });
    expect(f.message).toContain(`replay: sim run my/tiny.ts --seed ${f.counterexample.seed} --faults faults.json`);
    expect(f.message).toContain('"kind": "crash"');
  });

  it('rejects a scenario without a fault space', () => {
    const { faultSpace: _, ...bare } = tinyWith([neverCrashes]);
    expect(() => checkScenario(bare)).toThrow(/declares no fault space/);
  });

  it('exports the fault-space arbitrary: schedules inside the window, 1 to maxFaults faults', () => {
    fc.assert(fc.property(faultScheduleArbitrary(tinyWith([neverCrashes]), {}, 2), (run) => {
      expect(run.faults.length).toBeGreaterThanOrEqual(1);
      expect(run.faults.length).toBeLessThanOrEqual(2);
      for (const f of run.faults) expect(Number(f.at)).toBeGreaterThanOrEqual(WINDOW.fromMs);
    }), { numRuns: 50, seed: 3 });
  });
});
