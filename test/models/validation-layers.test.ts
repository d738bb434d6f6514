import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/index.js';
import { ms } from '../../src/kernel/time.js';
import {
  DEFECT_KINDS, DEFENSE_CHECKS, DEFENSE_LAYERS, ReconciliationJob, startWriteWorkload, ValidatedStore, validationSummary,
  type DefectKind, type DefectMix, type DefenseSwitches, type ValidatedWrite,
} from '../../models/validation/index.js';

const HOUR = 3_600_000;

/** A day of Poisson writes (default mix, 20% invalid) into a store with `switches`, hourly scans of 1 min. */
function runDay(seed: number, switches: DefenseSwitches, mix?: DefectMix) {
  const sim = new Simulation({ seed });
  const store = new ValidatedStore(sim, 'orders', switches);
  const writes: ValidatedWrite[] = [];
  store.onWrite.add((w) => writes.push(w));
  new ReconciliationJob(sim, store, { intervalMs: HOUR, scanMs: 60_000 });
  startWriteWorkload(sim, store, { ratePerS: 0.1, untilMs: 24 * HOUR, invalidFraction: 0.2, ...(mix ? { mix } : {}) });
  sim.run(ms(25 * HOUR));
  return { sim, store, writes, summary: validationSummary(store, sim.now) };
}

/** By hand, from what each layer reads: where a single-defect write stops with all layers on, and with L1 off. */
const ALL_ON: Record<DefectKind, string> = {
  'missing-field': 'L1', 'wrong-type': 'L1', 'out-of-range': 'L1', 'mass-assignment': 'L1', 'invariant-violation': 'L2',
  'broken-reference': 'L2', duplicate: 'L1', 'illegal-transition': 'L2', 'cross-record': 'persisted', 'silent-corruption': 'persisted',
};
const L1_OFF: Record<DefectKind, string> = {
  'missing-field': 'L3', 'wrong-type': 'L3', 'out-of-range': 'L3', 'mass-assignment': 'persisted', 'invariant-violation': 'L2',
  'broken-reference': 'L2', duplicate: 'L3', 'illegal-transition': 'L2', 'cross-record': 'persisted', 'silent-corruption': 'persisted',
};

function countWhere(writes: readonly ValidatedWrite[], table: Record<DefectKind, string>, where: string): number {
  return writes.filter((w) => w.defects.length === 1 && table[w.defects[0]!] === where).length;
}

describe('defense in depth over a day of writes', () => {
  const on = runDay(11, {});
  const l1Off = runDay(11, { layers: { L1: false } });

  it('both runs see the same writes with the same defects (switches draw nothing)', () => {
    expect(l1Off.writes.map((w) => w.defects)).toEqual(on.writes.map((w) => w.defects));
    expect(on.summary.writes).toBeGreaterThan(8000);
    expect(on.summary.invalidWrites).toBeGreaterThan(1500);
  });

  it('all layers on: only the L4-only kinds persist, each found by the next scan after it was written', () => {
    const { store, writes, summary } = on;
    const l4Only = writes.filter((w) => w.defects.some((d) => d === 'cross-record' || d === 'silent-corruption'));
    expect(summary.persistedCorrupt).toBe(l4Only.length);
    expect(l4Only.length).toBeGreaterThan(100);
    expect(store.corruptRows.every((r) => r.defects.every((d) => d === 'cross-record' || d === 'silent-corruption'))).toBe(true);
    expect(summary.rejectedByLayer).toEqual({ L1: countWhere(writes, ALL_ON, 'L1'), L2: countWhere(writes, ALL_ON, 'L2'), L3: 0 });
    for (const row of store.corruptRows) {
      const nextScan = (Math.floor(row.writtenAt / (HOUR * 1000)) + 1) * HOUR * 1000;
      expect(row.detectedAt).toBe(nextScan + 60_000_000);
    }
    expect(summary.detected).toBe(summary.persistedCorrupt);
    expect(summary.detectionDelayMs!.max).toBeLessThanOrEqual(HOUR + 60_000);
  });

  it('L1 off: the rejection moves to L3 for what L3 sees, and corrupt rows rise by exactly what only L1 saw', () => {
    const { writes } = on;
    const movedToL3 = DEFECT_KINDS.filter((k) => ALL_ON[k] === 'L1' && L1_OFF[k] === 'L3');
    const onlyL1 = DEFECT_KINDS.filter((k) => ALL_ON[k] === 'L1' && L1_OFF[k] === 'persisted');
    expect(movedToL3).toEqual(['missing-field', 'wrong-type', 'out-of-range', 'duplicate']);
    expect(onlyL1).toEqual(['mass-assignment']);
    const b = l1Off.summary;
    expect(b.rejectedByLayer.L1).toBe(0);
    expect(b.rejectedByLayer.L2).toBe(on.summary.rejectedByLayer.L2);
    expect(b.rejectedByLayer.L3).toBe(countWhere(writes, L1_OFF, 'L3'));
    // Counted a second way, by kind: the writes whose kind L1 refused and L3 also sees.
    expect(b.rejectedByLayer.L3).toBe(writes.filter((w) => movedToL3.includes(w.defects[0]!)).length);
    expect(b.rejectedByLayer.L3).toBeGreaterThan(500);
    expect(on.summary.rejectedByLayer.L3).toBe(0);
    const rise = b.persistedCorrupt - on.summary.persistedCorrupt;
    expect(rise).toBe(writes.filter((w) => w.defects[0] === 'mass-assignment').length);
    expect(rise).toBeGreaterThan(20);
    // The mass assignments are found by the price-list comparison (L4 source of truth).
    expect(b.byKind['mass-assignment'].detected).toBe(rise);
  });

  it('is deterministic', () => {
    expect(runDay(11, {}).sim.trace.digestHex).toBe(on.sim.trace.digestHex);
    expect(runDay(12, {}).sim.trace.digestHex).not.toBe(on.sim.trace.digestHex);
  });
});

describe('monotonicity (simulated): turning a layer or check on never increases persisted corrupt rows', () => {
  const weights = fc.record(Object.fromEntries(DEFECT_KINDS.map((k) => [k, fc.integer({ min: 0, max: 4 })])) as Record<DefectKind, fc.Arbitrary<number>>)
    .filter((m) => Object.values(m).some((w) => w > 0));
  const layerSet = fc.record(Object.fromEntries(DEFENSE_LAYERS.map((l) => [l, fc.boolean()])) as Record<(typeof DEFENSE_LAYERS)[number], fc.Arbitrary<boolean>>);
  const checkSet = fc.record(Object.fromEntries(DEFENSE_CHECKS.map((c) => [c, fc.boolean()])) as Record<(typeof DEFENSE_CHECKS)[number], fc.Arbitrary<boolean>>);
  const turnOn = fc.oneof(fc.constantFrom(...DEFENSE_LAYERS).map((l) => ({ layer: l })), fc.constantFrom(...DEFENSE_CHECKS).map((c) => ({ check: c })));

  function persisted(seed: number, switches: DefenseSwitches, mix: DefectMix, extra: number): number[] {
    const sim = new Simulation({ seed });
    const store = new ValidatedStore(sim, 'orders', switches);
    startWriteWorkload(sim, store, { ratePerS: 100, untilMs: 3000, invalidFraction: 0.5, mix, extraDefectProbability: extra });
    sim.run(ms(3001));
    return store.corruptRows.map((r) => r.index);
  }

  it('the persisted rows with one more layer or check on are a subset of those without', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), weights, layerSet, checkSet, turnOn, fc.double({ min: 0, max: 0.6, noNaN: true }), (seed, mix, layers, checks, more, extra) => {
      const before: DefenseSwitches = { layers, checks };
      const after: DefenseSwitches = 'layer' in more ? { layers: { ...layers, [more.layer]: true }, checks } : { layers, checks: { ...checks, [more.check]: true } };
      const a = persisted(seed, before, mix, extra);
      const b = persisted(seed, after, mix, extra);
      expect(b.length).toBeLessThanOrEqual(a.length);
      const inA = new Set(a);
      expect(b.filter((i) => !inA.has(i))).toEqual([]);
    }), { numRuns: 60, seed: 424242 });
  });
});
