import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import tiny from '../fixtures/tiny-scenario.js';

/** `timeline: false` (sweep and check workers) skips only the timeline: the run and everything it reports stay the same. */
describe('runScenario with timeline: false', () => {
  it('gives an empty timeline and the same digest, events, metrics, claims, invariants and coverage', () => {
    for (const seed of [1, 2, 3]) {
      const full = runScenario(tiny, { seed });
      const lean = runScenario(tiny, { seed, timeline: false });
      expect(full.timeline.length, 'the fixture has a timeline').toBeGreaterThan(0);
      expect(lean.timeline).toEqual([]);
      const { timeline: _a, ...fullRest } = full;
      const { timeline: _b, ...leanRest } = lean;
      expect(leanRest).toEqual(fullRest);
      expect(lean.digest).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});
