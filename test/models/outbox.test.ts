import { describe, expect, it } from 'vitest';
import { ms, Simulation } from '../../src/kernel/index.js';
import { DeliveryLedger, EventProducer, IdempotentConsumer, MessageBroker, OutboxDatabase, OutboxRelay, type OutboxRecord, type PublishMode } from '../../models/outbox/index.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { everyMs, outboxWorld } from './outbox-world.js';

const kinds = (records: readonly OutboxRecord[]) => records.map((r) => [r.t / 1000, r.source, r.kind, r.data ?? null]);

describe('outbox: hand-worked timelines', () => {
  it('outbox mode: committed at 102 ms, published at the 1000 ms poll, acked 1002, marked 1004, delivered 1006, applied 1007', () => {
    const w = outboxWorld({ publish: 'outbox', broker: { deliveryMs: 5 } });
    w.writeAt(100);
    w.sim.run(ms(1003));
    expect(w.commits).toEqual([{ id: 1, at: ms(102) }]);
    expect([w.relay!.published, w.relay!.acked, w.db.sentRows, w.broker.published]).toEqual([1, 1, 0, 1]);
    w.sim.run(ms(1004));
    expect(w.db.sentRows).toBe(1);
    w.sim.run(ms(2500));
    expect(w.deliveries).toEqual([{ id: 1, at: ms(1006) }]);
    expect(w.applied).toEqual([{ id: 1, at: ms(1007), again: false }]);
    // Polls at 0, 1000 and 2000 ms; the first and last found nothing to send.
    expect([w.relay!.polls, w.relay!.published, w.db.backlog]).toEqual([3, 1, 0]);
    expect(w.ledger.summary()).toEqual({ created: 1, published: 1, acked: 1, dropped: 0, delivered: 1, lost: 0, duplicates: 0, doubleApplied: 0, maxDelayMs: 904, backlogPeak: 1 });
  });

  it('direct mode: commit at 102, publish reaches the broker at 103, delivered at 108 (deliveryMs 5), no outbox row', () => {
    const w = outboxWorld({ publish: 'direct', broker: { deliveryMs: 5 } });
    w.writeAt(100);
    w.sim.run(ms(1000));
    expect([w.db.dataRows, w.db.outboxRows, w.producer.published]).toEqual([1, 0, 1]);
    expect(w.deliveries).toEqual([{ id: 1, at: ms(108) }]);
    expect(w.applied).toEqual([{ id: 1, at: ms(109), again: false }]);
    expect(w.ledger.summary().maxDelayMs).toBe(6);
  });

  it('the broker delivers in log order and keeps accepted messages across its crash', () => {
    const w = outboxWorld({ publish: 'direct', broker: { deliveryMs: 50 } });
    w.writeAt(0, 1);
    w.fault(20, 'broker', 'crash', { restartAfterMs: 100 });
    w.sim.run(ms(500));
    // Accepted at 3 and 4 ms, due at 53 and 54; down from 20 to 120; delivered 50 ms after the restart, in order.
    expect(w.deliveries).toEqual([{ id: 1, at: ms(170) }, { id: 2, at: ms(170) }]);
    expect(kinds(w.records)).toEqual([[20, 'broker', 'broker-down', { cause: 'crash', undelivered: 2 }], [120, 'broker', 'broker-up', null]]);
  });
});

describe('outbox: the database', () => {
  it('a transaction open at the crash leaves neither row; refused while down; committed rows survive the next crash', () => {
    const sim = new Simulation({ seed: 1 });
    const db = new OutboxDatabase(sim, 'db', { commitMs: 10 });
    const outcomes: string[] = [];
    const tx = (label: string) => db.transact('svc', true, (m) => outcomes.push(`${label} committed id ${m.id} at ${sim.now / 1000}`), (e) => outcomes.push(`${label} ${e} at ${sim.now / 1000}`));
    sim.at(0, () => tx('a'));
    sim.faults.schedule([{ at: ms(5), target: 'db', kind: 'crash', params: { restartAfterMs: 1_000 } }, { at: ms(3_000), target: 'db', kind: 'crash' }]);
    sim.at(ms(500), () => tx('b'));
    sim.at(ms(2_000), () => tx('c'));
    sim.run(ms(4_000));
    // id 1 went with the rolled-back transaction (a sequence is not transactional); b took none.
    expect(outcomes).toEqual(['a reset at 5', 'b refused at 500', 'c committed id 2 at 2010']);
    expect([db.dataRows, db.outboxRows, db.backlog, db.rolledBack, db.refused, db.life.state]).toEqual([1, 1, 1, 1, 1, 'stopped']);
    expect(db.unsent(10)).toBeNull();
  });

  it('a mark-sent update open at a database crash is lost: the rows go out again at the next poll (duplicates)', () => {
    const w = outboxWorld({ publish: 'outbox', broker: { latencyMs: 10 }, relay: { batchSize: 5 } });
    w.writeAt(...everyMs(5, 1));
    // Published at 1000, acked at 1020, marks open 1020-1022: the crash at 1021 takes all five.
    w.fault(1_021, 'db', 'crash', { restartAfterMs: 500 });
    w.sim.run(ms(5_000));
    expect(w.relay!.markErrors).toBe(5);
    expect(w.records.find((r) => r.kind === 'db-down')?.data).toEqual({ cause: 'crash', lostTx: 5 });
    expect(w.ledger.summary()).toMatchObject({ created: 5, lost: 0, duplicates: 5, doubleApplied: 0 });
    expect(w.deliveries.map((d) => [d.id, d.at / 1000])).toEqual([1, 2, 3, 4, 5].map((id) => [id, 1011]).concat([1, 2, 3, 4, 5].map((id) => [id, 2011])));
  });
});

/** Writes every 100 ms for 10 s; the broker is down from 3.5 s to 5.5 s. */
function brokerOutage(publish: 'direct' | 'outbox') {
  const w = outboxWorld({ publish });
  const times = everyMs(100, 100);
  w.writeAt(...times);
  w.fault(3_500, 'broker', 'crash', { restartAfterMs: 2_000 });
  w.sim.run(ms(20_000));
  return { w, times };
}

describe('outbox: message loss, direct against outbox', () => {
  it('direct mode loses exactly the events whose publish reached the broker while it was down', () => {
    const { w, times } = brokerOutage('direct');
    // Counted apart from the model: write k (id k + 1) commits 2 ms later and reaches the broker 1 ms after that.
    const expected = times.map((t, k) => ({ id: k + 1, arrives: t + 3 })).filter((e) => e.arrives >= 3_500 && e.arrives < 5_500).map((e) => e.id);
    expect(expected).toHaveLength(20);
    expect(w.ledger.lostIds()).toEqual(expected);
    expect([w.producer.publishFailed, w.broker.refused, w.ledger.summary().lost]).toEqual([20, 20, 20]);
    expect(kinds(w.records.filter((r) => r.source === 'svc'))).toEqual([
      [3_504, 'svc', 'publish-failing', { error: 'refused' }],
      [5_504, 'svc', 'publish-recovered', { failed: 20, afterMs: 2_000 }],
    ]);
  });

  it('outbox mode loses none across the same outage: the rows wait, the 6 s poll sends them', () => {
    const { w } = brokerOutage('outbox');
    expect(w.ledger.summary()).toMatchObject({ created: 100, lost: 0, duplicates: 0, doubleApplied: 0 });
    expect(w.ledger.notExactlyOnce()).toEqual([]);
    // Refused at the 4 s poll (rows of writes 30-39) and the 5 s poll (30-49).
    expect(w.relay!.publishErrors).toBe(30);
    // Write 30 committed at 3002 ms waits for the 6000 ms poll: delivered at 6002.
    expect(w.ledger.summary().maxDelayMs).toBe(3_000);
  });

  it('lose (acked, then dropped) loses in both modes: the relay marks a row sent on the ack', () => {
    for (const publish of ['direct', 'outbox'] as const) {
      const w = outboxWorld({ publish });
      w.writeAt(...everyMs(50, 100));
      w.fault(1_500, 'broker', 'lose', { rate: 1, healAfterMs: 1_000 });
      w.sim.run(ms(10_000));
      // direct: writes 15-24 reach the broker in [1500, 2500); outbox: the 2000 ms poll sends writes 10-19.
      const expected = publish === 'direct' ? [16, 25] : [11, 20];
      expect(w.ledger.lostIds()).toEqual(Array.from({ length: 10 }, (_, i) => expected[0]! + i));
      expect([w.broker.dropped, w.db.backlog]).toEqual([10, 0]);
      expect(kinds(w.records.filter((r) => r.kind.startsWith('lose')))).toEqual([[1_500, 'broker', 'lose-start', { kind: 'lose', rate: 1 }], [2_500, 'broker', 'lose-end', { kind: 'lose', dropped: 10 }]]);
    }
  });

  it('lose-unacked: direct loses the timed-out events; the outbox sends them again at the next poll', () => {
    const direct = outboxWorld({ publish: 'direct', broker: { timeoutMs: 300 } });
    const outbox = outboxWorld({ publish: 'outbox', broker: { timeoutMs: 300 } });
    for (const w of [direct, outbox]) {
      w.writeAt(...everyMs(50, 100));
      w.fault(1_500, 'broker', 'lose-unacked', { rate: 1, healAfterMs: 1_000 });
      w.sim.run(ms(10_000));
    }
    expect(direct.ledger.lostIds()).toEqual(Array.from({ length: 10 }, (_, i) => 16 + i));
    // Write 15 publishes at 1502 ms (after its commit); its publisher gives up 300 ms later.
    expect(direct.records.find((r) => r.kind === 'publish-failing')).toMatchObject({ t: ms(1_802), data: { error: 'timeout' } });
    expect(outbox.ledger.summary()).toMatchObject({ created: 50, lost: 0, duplicates: 0 });
    // The 2000 ms batch times out at 2300 and goes again at 3000.
    expect([outbox.relay!.publishErrors, outbox.broker.unanswered]).toEqual([10, 10]);
  });
});

describe('outbox: relay crash and at-least-once', () => {
  /** 8 rows; batches of 5: rows 1-5 go at 1000 ms (acked 1020, marked 1022), rows 6-8 at 2000 ms. */
  function relayCrash(crashAtMs: number, idempotent: boolean) {
    const w = outboxWorld({ publish: 'outbox', broker: { latencyMs: 10 }, relay: { batchSize: 5 }, consumer: { idempotent } });
    w.writeAt(...everyMs(8, 1));
    w.fault(crashAtMs, 'relay', 'crash', { restartAfterMs: 100 });
    w.sim.run(ms(5_000));
    return w;
  }

  it('a crash between publish and mark publishes those rows again after the restart: duplicates exactly for them', () => {
    const w = relayCrash(2_015, true);
    const second = [6, 7, 8];
    const ids = w.deliveries.map((d) => d.id);
    expect(ids).toEqual([1, 2, 3, 4, 5, ...second, ...second]);
    expect(w.deliveries.slice(8).map((d) => d.at)).toEqual([ms(2_126), ms(2_126), ms(2_126)]);
    expect(kinds(w.records)).toEqual([[2_015, 'relay', 'relay-crash', { cause: 'crash', unmarked: 3 }], [2_115, 'relay', 'relay-up', null]]);
    expect(w.ledger.summary()).toMatchObject({ created: 8, lost: 0, duplicates: 3, doubleApplied: 0 });
    // The idempotent consumer discards the three copies: each event applied once.
    expect([w.consumer.applications, w.consumer.skipped]).toEqual([8, 3]);
    expect(w.ledger.notExactlyOnce()).toEqual([]);
  });

  it('without deduplication each copy is applied again', () => {
    const w = relayCrash(2_015, false);
    expect([w.consumer.applications, w.consumer.doubleApplied, w.ledger.summary().doubleApplied]).toEqual([11, 3, 3]);
    expect(w.ledger.notExactlyOnce()).toEqual([[6, 2], [7, 2], [8, 2]]);
  });

  it('a crash after the marks were sent (acks at 2020, crash at 2021) repeats nothing: the database commits them', () => {
    const w = relayCrash(2_021, false);
    expect(w.records[0]).toMatchObject({ kind: 'relay-crash', data: { unmarked: 0 } });
    expect(w.ledger.summary()).toMatchObject({ duplicates: 0, doubleApplied: 0 });
    expect(w.db.sentRows).toBe(8);
  });

  it('markSent batch (Eventuate): one update after the last ack, so a crash before it repeats the whole batch', () => {
    const w = outboxWorld({ publish: 'outbox', broker: { latencyMs: 10 }, relay: { batchSize: 5, markSent: 'batch' } });
    w.writeAt(...everyMs(5, 1));
    w.fault(1_015, 'relay', 'crash', { restartAfterMs: 100 });
    w.sim.run(ms(3_000));
    expect(w.records[0]).toMatchObject({ kind: 'relay-crash', data: { unmarked: 5 } });
    expect(w.ledger.summary()).toMatchObject({ created: 5, lost: 0, duplicates: 5 });
    expect([w.relay!.marked, w.db.sentRows]).toEqual([5, 5]);
  });
});

describe('outbox: producer and consumer crashes', () => {
  it('a producer crash with its transaction open: direct mode never publishes the committed row, the outbox does', () => {
    for (const publish of ['direct', 'outbox'] as const) {
      const w = outboxWorld({ publish, db: { commitMs: 10 } });
      w.writeAt(0);
      w.fault(5, 'svc', 'crash', { restartAfterMs: 100 });
      w.sim.run(ms(3_000));
      expect(w.records[0]).toMatchObject({ t: ms(5), kind: 'producer-crash', data: { cause: 'crash', inTx: 1 } });
      expect([w.producer.committed, w.ledger.summary().lost, w.producer.unpublished]).toEqual(publish === 'direct' ? [1, 1, 1] : [1, 0, 0]);
    }
  });

  it('a consumer crash between its commit and its ack hands the message over again; the processed-ids table discards it', () => {
    for (const idempotent of [true, false]) {
      const w = outboxWorld({ publish: 'direct', consumer: { idempotent, ackDelayMs: 10 } });
      w.writeAt(0);
      // Delivered at 4 ms, applied at 5, ack due at 15: the crash at 10 comes between.
      w.fault(10, 'consumer', 'crash', { restartAfterMs: 100 });
      w.sim.run(ms(1_000));
      expect(w.records[0]).toMatchObject({ kind: 'consumer-crash', data: { unacked: 1 } });
      expect([w.consumer.redelivered, w.consumer.handled, w.ledger.summary().duplicates]).toEqual([1, 2, 0]);
      expect(w.applied.map((a) => [a.at / 1000, a.again])).toEqual(idempotent ? [[5, false]] : [[5, false], [111, true]]);
    }
  });

  it('a consumer crash before its commit: the message is handled once after the restart, nothing repeated', () => {
    const w = outboxWorld({ publish: 'direct', consumer: { processMs: 5, idempotent: false } });
    w.writeAt(0);
    w.fault(6, 'consumer', 'crash', { restartAfterMs: 100 });
    w.sim.run(ms(1_000));
    expect(w.applied.map((a) => [a.at / 1000, a.again])).toEqual([[111, false]]);
    expect(w.consumer.redelivered).toBe(0);
  });
});

describe('outbox: backlog episodes and checks', () => {
  it('backlog: 100 rows pile up behind a broker outage; cleared once one batch is left', () => {
    const w = outboxWorld({ publish: 'outbox', relay: { batchSize: 40, backlogAlertRows: 50 } });
    w.writeAt(...everyMs(100, 10));
    w.fault(0, 'broker', 'crash', { restartAfterMs: 3_500 });
    w.sim.run(ms(8_000));
    expect(kinds(w.records.filter((r) => r.source === 'relay'))).toEqual([
      [1_000, 'relay', 'backlog', { rows: 100 }],
      // 4000 ms sends 40, 5000 ms sends 40, 6000 ms finds 20 <= batchSize.
      [6_000, 'relay', 'backlog-cleared', { peakRows: 100, afterMs: 5_000 }],
    ]);
    expect([w.db.peakBacklog, w.ledger.summary().lost, w.relay!.publishErrors]).toEqual([100, 0, 120]);
  });

  it('rejects bad options and bad fault params', () => {
    const sim = new Simulation({ seed: 1 });
    const db = new OutboxDatabase(sim, 'db');
    const broker = new MessageBroker(sim, 'broker');
    expect(() => new MessageBroker(sim, 'b2', { latencyMs: 10, timeoutMs: 15 })).toThrow(/timeoutMs/);
    expect(() => new OutboxRelay(sim, 'r', db, broker, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new OutboxRelay(sim, 'r2', db, broker, { batchSize: 100, backlogAlertRows: 100 })).toThrow(/backlogAlertRows/);
    expect(() => sim.faults.schedule([{ at: 0, target: 'broker', kind: 'lose', params: { rate: 2 } }])).toThrow(/rate/);
    expect(() => sim.faults.schedule([{ at: 0, target: 'db', kind: 'crash', params: { healAfterMs: 5 } }])).toThrow();
    expect(sim.faults.paramsOf('broker', 'lose')!.parse({})).toEqual({ rate: 0.5 });
  });
});

/** The wiring a system's `build` would use (the report's example). */
function buildOutbox(sim: Simulation, p: { publish: PublishMode; idempotent: boolean; writesPerS: number; durationMs: number }) {
  const db = new OutboxDatabase(sim, 'orders-db', { commitMs: 2 });
  const broker = new MessageBroker(sim, 'broker', { latencyMs: 1, deliveryMs: 1, timeoutMs: 5_000 });
  // Only the outbox mode has a relay: in direct mode nothing reads the outbox table.
  const relay = p.publish === 'outbox' ? new OutboxRelay(sim, 'relay', db, broker, { pollIntervalMs: 1_000, batchSize: 100 }) : null;
  const consumer = new IdempotentConsumer(sim, 'consumer', broker, { idempotent: p.idempotent });
  const producer = new EventProducer(sim, 'service-a', db, broker, { publish: p.publish });
  const ledger = new DeliveryLedger(sim, db, broker, consumer);
  startPoissonArrivals(sim, sim.rng('writes'), p.writesPerS, ms(p.durationMs), () => producer.write());
  return { db, broker, relay, consumer, producer, ledger };
}

describe('outbox: the wiring example', () => {
  it('under a 10 s broker outage, direct loses the events of the outage; the outbox delivers all, none twice', () => {
    const lost = (['direct', 'outbox'] as const).map((publish) => {
      const sim = new Simulation({ seed: 42 });
      const world = buildOutbox(sim, { publish, idempotent: true, writesPerS: 50, durationMs: 60_000 });
      sim.faults.schedule([{ at: ms(20_000), target: 'broker', kind: 'crash', params: { restartAfterMs: 10_000 } }]);
      sim.run(ms(90_000));
      const s = world.ledger.summary();
      expect(s.created).toBeGreaterThan(2_500);
      expect([s.duplicates, s.doubleApplied]).toEqual([0, 0]);
      // Direct: the lost events are exactly the publishes the down broker refused.
      expect(s.lost).toBe(world.producer.publishFailed);
      expect(world.producer.publishFailed).toBe(publish === 'direct' ? world.broker.refused : 0);
      return s.lost;
    });
    // About 50/s × 10 s.
    expect(lost[0]).toBeGreaterThan(400);
    expect(lost[0]).toBeLessThan(600);
    expect(lost[1]).toBe(0);
  });
});
