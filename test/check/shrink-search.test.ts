import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shrinkSearch, type RunRequest, type SearchResult } from '../../src/check/shrink-search.js';

/**
 * shrinkSearch must find and shrink exactly as fc.check does (same seed,
 * same runs), whatever order a driver runs a batch's cases in: these
 * properties are pure, so thousands of runs take milliseconds.
 */
const arb = fc.record({ seed: fc.noShrink(fc.integer({ min: 0, max: 999 })), xs: fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 6 }) });
type Case = { seed: number; xs: number[] };

const properties: Record<string, (c: Case) => boolean> = {
  'no two large': (c) => c.xs.filter((x) => x > 400).length < 2,
  'sum below 1500': (c) => c.xs.reduce((a, b) => a + b, 0) < 1_500,
  'no value in 300..320': (c) => !c.xs.some((x) => x >= 300 && x <= 320),
  'never': () => false,
  'always': () => true,
};

/** Runs each request's cases one by one, in order, stopping where `take` says. */
function inOrder(gen: Generator<RunRequest<Case, boolean>, SearchResult<Case>, void>): SearchResult<Case> {
  for (let step = gen.next(); ; step = gen.next()) {
    if (step.done === true) return step.value;
    for (const c of step.value.cases) if (!step.value.take(holdsOf(c))) break;
  }
}

/** Runs every case of each request first, backwards (as threads might finish them), then hands the verdicts over in order. */
function allAhead(gen: Generator<RunRequest<Case, boolean>, SearchResult<Case>, void>, ran: { count: number }): SearchResult<Case> {
  for (let step = gen.next(); ; step = gen.next()) {
    if (step.done === true) return step.value;
    const verdicts = [...step.value.cases].reverse().map((c) => { ran.count++; return holdsOf(c); }).reverse();
    for (const v of verdicts) if (!step.value.take(v)) break;
  }
}

let holdsOf: (c: Case) => boolean = () => true;

type Driver = (gen: Generator<RunRequest<Case, boolean>, SearchResult<Case>, void>) => SearchResult<Case>;

function search(name: string, seed: number, runs: number, shrinkBudget: number, drive: Driver = inOrder) {
  holdsOf = properties[name]!;
  const counted: string[] = [];
  const result = drive(shrinkSearch<Case, boolean>(arb, { runs, seed, shrinkBudget, holds: (v) => v, onRun: (phase) => counted.push(phase) }));
  return { result, counted };
}

describe('shrinkSearch', () => {
  for (const name of Object.keys(properties)) {
    it(`finds and shrinks as fc.check does: ${name}`, () => {
      for (const seed of [1, 2, 3, 42, 1234]) {
        holdsOf = properties[name]!;
        const fcRuns: number[] = [];
        const ref = fc.check(fc.property(arb, (c) => { fcRuns.push(1); return holdsOf(c); }), { seed, numRuns: 200 });
        const { result, counted } = search(name, seed, 200, 10_000);
        expect(result.smallest, `seed ${seed}`).toEqual(ref.counterexample?.[0] ?? null);
        expect(result.shrinks).toBe(ref.numShrinks);
        expect(result.runs).toBe(ref.failed ? ref.numRuns : 200);
        // Every run fast-check made, and no other: search runs then shrink runs.
        expect(counted.length).toBe(fcRuns.length);
        expect(result.runs + result.shrinkRuns).toBe(fcRuns.length);
      }
    });
  }

  it('a driver that runs cases ahead, in any order, gets the same answer and the same counts', () => {
    for (const name of Object.keys(properties)) {
      for (const seed of [5, 6, 7]) {
        const a = search(name, seed, 300, 10_000);
        const ran = { count: 0 };
        const b = search(name, seed, 300, 10_000, (gen) => allAhead(gen, ran));
        expect(b).toEqual(a);
        expect(ran.count).toBeGreaterThanOrEqual(b.result.runs + b.result.shrinkRuns);
      }
    }
  });

  it('spends at most the shrink budget, and ends with the smallest failure found by then', () => {
    const full = search('no value in 300..320', 1, 200, 10_000).result;
    expect(full.shrinkRuns).toBeGreaterThan(12);
    const cut = search('no value in 300..320', 1, 200, 12).result;
    expect(cut.shrinkRuns).toBe(12);
    expect(cut.first).toEqual(full.first);
    expect(properties['no value in 300..320']!(cut.smallest!)).toBe(false);
    expect(cut.smallest!.xs.length).toBeGreaterThanOrEqual(full.smallest!.xs.length);
  });
});
