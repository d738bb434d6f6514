import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import {
  DEFECT_CATALOGUE, DEFECT_KINDS, DEFAULT_DEFECT_MIX, DEFENSE_CHECK_LAYER, DEFENSE_CHECKS, DEFENSE_LAYERS,
  drawDefects, enabledChecks, prepareMix, reconciliationSees, screenWrite,
  type DefectKind, type DefenseCheck, type DefenseSwitches,
} from '../../models/validation/index.js';

/** Layer configurations of the catch table. */
const CONFIGS: Record<string, DefenseSwitches> = {
  all: {},
  noL1: { layers: { L1: false } },
  noL2: { layers: { L2: false } },
  noL3: { layers: { L3: false } },
  onlyL3: { layers: { L1: false, L2: false } },
  none: { layers: { L1: false, L2: false, L3: false } },
};

/**
 * The catch table written out by hand from what each layer reads (not
 * derived from the catalogue): kind -> outcome per configuration above,
 * 'L1:schema' = refused by L1's schema check, 'persisted' = stored.
 */
const P = 'persisted';
const TABLE: Record<DefectKind, [string, string, string, string, string, string]> = {
  //                      all                   noL1                  noL2                   noL3                  onlyL3             none
  'missing-field': ['L1:schema', 'L3:notNull', 'L1:schema', 'L1:schema', 'L3:notNull', P],
  'wrong-type': ['L1:schema', 'L3:columnTypes', 'L1:schema', 'L1:schema', 'L3:columnTypes', P],
  'out-of-range': ['L1:businessRules', 'L3:check', 'L1:businessRules', 'L1:businessRules', 'L3:check', P],
  'mass-assignment': ['L1:schema', P, 'L1:schema', 'L1:schema', P, P],
  'invariant-violation': ['L2:invariants', 'L2:invariants', 'L3:check', 'L2:invariants', 'L3:check', P],
  'broken-reference': ['L2:referenceLookup', 'L2:referenceLookup', 'L3:foreignKey', 'L2:referenceLookup', 'L3:foreignKey', P],
  duplicate: ['L1:idempotencyKey', 'L3:unique', 'L1:idempotencyKey', 'L1:idempotencyKey', 'L3:unique', P],
  'illegal-transition': ['L2:stateTransitions', 'L2:stateTransitions', P, 'L2:stateTransitions', P, P],
  'cross-record': [P, P, P, P, P, P],
  'silent-corruption': [P, P, P, P, P, P],
};

function outcome(defects: readonly DefectKind[], switches: DefenseSwitches): string {
  const r = screenWrite(defects, enabledChecks(switches));
  return r === null ? P : `${r.layer}:${r.check}`;
}

describe('defect catalogue: the catch table', () => {
  const names = Object.keys(CONFIGS);
  for (const kind of DEFECT_KINDS) {
    it(`${kind} under ${names.join(', ')}`, () => {
      expect(names.map((n) => outcome([kind], CONFIGS[n]!))).toEqual(TABLE[kind]);
    });
  }

  it('L3 sub-switches: with L1 and L2 off, each constraint turned off lets exactly its kinds through', () => {
    const onlyL3 = (checks: Partial<Record<DefenseCheck, boolean>>): DefenseSwitches => ({ layers: { L1: false, L2: false }, checks });
    const persistedKinds = (s: DefenseSwitches) => DEFECT_KINDS.filter((k) => outcome([k], s) === P);
    const base = ['mass-assignment', 'illegal-transition', 'cross-record', 'silent-corruption'];
    expect(persistedKinds(onlyL3({}))).toEqual(base);
    expect(persistedKinds(onlyL3({ notNull: false }))).toEqual(['missing-field', ...base]);
    expect(persistedKinds(onlyL3({ columnTypes: false }))).toEqual(['wrong-type', ...base]);
    expect(persistedKinds(onlyL3({ check: false }))).toEqual(['out-of-range', 'mass-assignment', 'invariant-violation', 'illegal-transition', 'cross-record', 'silent-corruption']);
    expect(persistedKinds(onlyL3({ foreignKey: false }))).toEqual(['mass-assignment', 'broken-reference', 'illegal-transition', 'cross-record', 'silent-corruption']);
    expect(persistedKinds(onlyL3({ unique: false }))).toEqual(['mass-assignment', 'duplicate', 'illegal-transition', 'cross-record', 'silent-corruption']);
  });

  it('L1 and L2 sub-switches move the rejection to the next layer that sees the defect', () => {
    expect(DEFECT_KINDS.map((k) => outcome([k], { checks: { schema: false } }))).toEqual([
      'L3:notNull', 'L3:columnTypes', 'L1:businessRules', P, 'L2:invariants', 'L2:referenceLookup', 'L1:idempotencyKey', 'L2:stateTransitions', P, P,
    ]);
    expect(outcome(['duplicate'], { checks: { idempotencyKey: false } })).toBe('L3:unique');
    expect(outcome(['out-of-range'], { checks: { businessRules: false } })).toBe('L3:check');
    expect(outcome(['broken-reference'], { checks: { referenceLookup: false } })).toBe('L3:foreignKey');
    expect(outcome(['invariant-violation'], { checks: { invariants: false } })).toBe('L3:check');
    expect(outcome(['illegal-transition'], { checks: { stateTransitions: false } })).toBe(P);
    // A check of a switched-off layer stays off even when named on.
    expect(outcome(['missing-field'], { layers: { L1: false }, checks: { schema: true } })).toBe('L3:notNull');
  });

  it('several defects: the earliest layer wins whatever the defect order, and the whole write is refused', () => {
    expect(outcome(['broken-reference', 'missing-field'], {})).toBe('L1:schema');
    expect(outcome(['cross-record', 'out-of-range'], {})).toBe('L1:businessRules');
    expect(outcome(['cross-record', 'out-of-range'], CONFIGS.none!)).toBe(P);
    expect(screenWrite(['illegal-transition', 'invariant-violation'], enabledChecks())).toEqual({ layer: 'L2', check: 'stateTransitions', defect: 'illegal-transition' });
    expect(outcome([], {})).toBe(P);
  });

  it('L4: which reconciliation checks can ever see each kind', () => {
    const all = enabledChecks();
    expect(Object.fromEntries(DEFECT_KINDS.map((k) => [k, reconciliationSees([k], all)]))).toEqual({
      'missing-field': ['rowRules'], 'wrong-type': ['rowRules'], 'out-of-range': ['rowRules'], 'mass-assignment': ['sourceOfTruth'],
      'invariant-violation': ['rowRules'], 'broken-reference': ['crossRecord'], duplicate: ['crossRecord'],
      'illegal-transition': ['sourceOfTruth'], 'cross-record': ['crossRecord'], 'silent-corruption': ['sourceOfTruth'],
    });
    // Silent corruption without a source of truth: never found.
    expect(reconciliationSees(['silent-corruption'], enabledChecks({ checks: { sourceOfTruth: false } }))).toEqual([]);
    expect(reconciliationSees(['cross-record'], enabledChecks({ layers: { L4: false } }))).toEqual([]);
    expect(reconciliationSees(['silent-corruption', 'duplicate'], all)).toEqual(['crossRecord', 'sourceOfTruth']);
  });

  it('is well formed: every check is some defect\'s catcher, catchers are in layer order, no kind is caught by nothing', () => {
    const used = new Set(DEFECT_KINDS.flatMap((k) => DEFECT_CATALOGUE[k].caughtBy));
    expect(DEFENSE_CHECKS.filter((c) => !used.has(c))).toEqual([]);
    for (const k of DEFECT_KINDS) {
      const layers = DEFECT_CATALOGUE[k].caughtBy.map((c) => DEFENSE_LAYERS.indexOf(DEFENSE_CHECK_LAYER[c]));
      expect(layers).toEqual([...layers].sort());
      expect(layers.length).toBeGreaterThan(0);
    }
  });
});

describe('monotonicity (pure): turning a check on never lets a refused write through', () => {
  it('screenWrite(d, S) === null whenever screenWrite(d, T) === null for S ⊆ T', () => {
    const kind = fc.constantFrom(...DEFECT_KINDS);
    const subset = fc.subarray([...DEFENSE_CHECKS]);
    fc.assert(fc.property(fc.array(kind, { minLength: 1, maxLength: 4 }), subset, subset, (defects, a, b) => {
      const small = new Set<DefenseCheck>(a);
      const big = new Set<DefenseCheck>([...a, ...b]);
      if (screenWrite(defects, big) === null) expect(screenWrite(defects, small)).toBeNull();
      // Reconciliation only gains sight too.
      expect(reconciliationSees(defects, big)).toEqual(expect.arrayContaining(reconciliationSees(defects, small)));
    }), { numRuns: 100, seed: 20240601 });
  });
});

describe('defect mix', () => {
  it('defaults sum to 1 and draws follow the weights (100,000 draws, within 4 sd)', () => {
    expect(Object.values(DEFAULT_DEFECT_MIX).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const mix = prepareMix(DEFAULT_DEFECT_MIX);
    const rng = new RandomStream(5, 'mix');
    const n = 100_000;
    const counts = new Map<DefectKind, number>();
    for (let i = 0; i < n; i++) for (const d of drawDefects(rng, mix)) counts.set(d, (counts.get(d) ?? 0) + 1);
    for (const k of DEFECT_KINDS) {
      const p = DEFAULT_DEFECT_MIX[k];
      expect(Math.abs((counts.get(k) ?? 0) / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('a kind with weight 0 never occurs; extra defects are distinct', () => {
    const mix = prepareMix({ duplicate: 1, 'cross-record': 3 });
    const rng = new RandomStream(9, 'mix');
    let multi = 0;
    for (let i = 0; i < 5000; i++) {
      const d = drawDefects(rng, mix, 0.5);
      expect(d.every((k) => k === 'duplicate' || k === 'cross-record')).toBe(true);
      expect(new Set(d).size).toBe(d.length);
      if (d.length > 1) multi++;
    }
    // After a first kind whose other kind has chance q, the loop goes on (p 0.5) until it draws the
    // other kind or stops: P(two kinds) = 0.5q / (1 - 0.5(1 - q)) = q / (1 + q). Over the first
    // draw: 0.25 * (0.75 / 1.75) + 0.75 * (0.25 / 1.25) = 0.2571; sd over 5000 writes 0.0062.
    expect(Math.abs(multi / 5000 - 0.2571)).toBeLessThan(4 * 0.0062);
  });

  it('refuses bad mixes', () => {
    expect(() => prepareMix({})).toThrow(/all weights are 0/);
    expect(() => prepareMix({ duplicate: -1 })).toThrow(/finite number >= 0/);
    expect(() => prepareMix({ typo: 1 } as never)).toThrow(/unknown defect kind typo/);
    expect(() => drawDefects(new RandomStream(1, 'x'), prepareMix({ duplicate: 1 }), 1)).toThrow(/extraProbability/);
  });
});
