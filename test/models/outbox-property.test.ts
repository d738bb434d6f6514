import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec } from '../../src/kernel/index.js';
import type { Fault } from '../../src/kernel/faults.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { outboxWorld } from './outbox-world.js';

const WRITES_UNTIL = sec(20);
/** Every fault has ended by 20 + 5 s; a batch waits at most the 5 s publish timeout; the backlog drains at 100 rows a second. */
const DRAIN_UNTIL = sec(90);

/** Any time, or the first 30 ms after a poll, where a batch is between publish and mark (so crashes hit it often). */
const atArb = fc.oneof(
  fc.integer({ min: 0, max: WRITES_UNTIL }),
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 30 })).map(([s, d]) => sec(s) + ms(d)),
);

/** A crash of any part, always with a restart (else nothing is owed), or a stretch of unacknowledged loss at the broker. */
const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    at: atArb,
    target: fc.constantFrom('db', 'broker', 'relay', 'svc', 'consumer'),
    kind: fc.constant('crash'),
    params: fc.record({ restartAfterMs: fc.integer({ min: 0, max: 5_000 }) }),
  }),
  fc.record({
    at: atArb,
    target: fc.constantFrom('db', 'broker', 'relay', 'consumer'),
    kind: fc.constant('restart'),
  }),
  fc.record({
    at: atArb,
    target: fc.constant('broker'),
    kind: fc.constant('lose-unacked'),
    params: fc.record({ rate: fc.double({ min: 0, max: 1, noNaN: true }), healAfterMs: fc.integer({ min: 0, max: 5_000 }) }),
  }),
);

const scheduleArb = fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), faults: fc.array(faultArb, { maxLength: 8 }) });

/** Poisson writes at 20 a second for 20 s under `faults`, with an idempotent consumer, then a drain. */
function run(publish: 'direct' | 'outbox', seed: number, faults: readonly Fault[]) {
  // Round trips of 20 ms and commits of 5 ms widen the publish-to-mark window a crash can fall into.
  const w = outboxWorld({ publish, seed, db: { commitMs: 5 }, broker: { latencyMs: 10 }, consumer: { ackDelayMs: 5 } });
  startPoissonArrivals(w.sim, w.sim.rng('writes'), 20, WRITES_UNTIL, () => w.producer.write());
  // Direct mode has no relay: its faults fall away.
  w.sim.faults.schedule(publish === 'direct' ? faults.filter((f) => f.target !== 'relay') : faults);
  w.sim.run(DRAIN_UNTIL);
  return w;
}

describe('outbox: properties over random fault schedules', () => {
  it('outbox + idempotent consumer: every committed event is applied exactly once after the drain', () => {
    fc.assert(fc.property(scheduleArb, ({ seed, faults }) => {
      const w = run('outbox', seed, faults);
      const s = w.ledger.summary();
      expect(s.created).toBeGreaterThan(0);
      expect(w.ledger.notExactlyOnce()).toEqual([]);
      expect([s.lost, w.db.backlog, w.consumer.applications]).toEqual([0, 0, s.created]);
    }), { numRuns: 100 });
  });

  it('direct: each committed event is published, delivered and applied at most once; the lost ones never', () => {
    fc.assert(fc.property(scheduleArb, ({ seed, faults }) => {
      const w = run('direct', seed, faults);
      const s = w.ledger.summary();
      expect(s.duplicates).toBe(0);
      const counts = w.ledger.notExactlyOnce();
      expect(counts.every(([, n]) => n === 0)).toBe(true);
      expect(counts.map(([id]) => id)).toEqual(w.ledger.lostIds());
      // Every committed event is accounted for: acked into the log, or failed, or never published by a dead producer.
      expect(w.broker.published).toBeLessThanOrEqual(s.created);
      expect(s.lost).toBe(w.producer.publishFailed + w.producer.unpublished);
    }), { numRuns: 100 });
  });

  it('a run is a function of its seed and faults (same trace digest twice)', () => {
    const faults: Fault[] = [{ at: ms(3_000), target: 'relay', kind: 'crash', params: { restartAfterMs: 700 } }, { at: ms(5_000), target: 'broker', kind: 'lose-unacked', params: { rate: 0.3, healAfterMs: 2_000 } }];
    const a = run('outbox', 7, faults), b = run('outbox', 7, faults);
    expect(a.sim.trace.digestHex).toBe(b.sim.trace.digestHex);
    expect(a.ledger.summary()).toEqual(b.ledger.summary());
  });
});
