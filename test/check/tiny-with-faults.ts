/**
 * The tiny fixture with a fault space and invariants, for testing the check
 * machinery itself: runs take milliseconds, so searches and shrinks are cheap.
 */
import type { Invariant } from '../../src/scenario/invariant.js';
import type { AnyScenario } from '../../src/scenario/scenario.js';
import tiny from '../fixtures/tiny-scenario.js';

/** Crashes between 20 s and 40 s of the 60 s run. */
export const WINDOW = { fromMs: 20_000, toMs: 40_000 };

/** Deliberately wrong: crashes are what the fault space is for, so any schedule breaks it. */
export const neverCrashes: Invariant = {
  name: 'the server never crashes',
  kind: 'always',
  watch() {
    let crashedAt: number | null = null;
    return {
      record(rec) { if (rec.source === 'server' && rec.kind === 'crash' && crashedAt === null) crashedAt = rec.t; },
      verdict: () => (crashedAt === null ? { pass: true, detail: 'no crash' } : { pass: false, detail: 'it crashed', atMs: crashedAt / 1000 }),
    };
  },
};

/** Right: the server restarts within restartDelayMs plus its 500 ms of jitter. */
export function upAgainWithin(withinMs: number): Invariant<{ restartDelayMs: number }, { world: { up: boolean } }> {
  return {
    name: `up again within ${withinMs} ms`,
    kind: 'eventually',
    withinMs: () => withinMs,
    watch: ({ world }) => ({ verdict: () => (world.up ? { pass: true, detail: 'up' } : { pass: false, detail: 'still down' }) }),
  };
}

export function tinyWith(invariants: readonly Invariant[], window = WINDOW): AnyScenario {
  return {
    ...tiny,
    invariants,
    sometimes: [{ name: 'the server restarted', reached: (r) => r.kind === 'restart' }],
    faultSpace: {
      window: () => window,
      maxFaults: 3,
      kinds: () => [{ name: 'crash', targets: ['server'], severities: [0], expand: (target, _s, at) => [{ at, target, kind: 'crash' }] }],
    },
  } as AnyScenario;
}
