import { ms, Simulation, type Micros } from '../../src/kernel/index.js';
import { DeliveryLedger, EventProducer, IdempotentConsumer, MessageBroker, OutboxDatabase, OutboxRelay, type IdempotentConsumerOptions, type MessageBrokerOptions, type OutboxDatabaseOptions, type OutboxRecord, type OutboxRelayOptions, type PublishMode } from '../../models/outbox/index.js';

export interface WorldOptions {
  readonly publish: PublishMode;
  readonly seed?: number;
  readonly db?: Partial<OutboxDatabaseOptions>;
  readonly broker?: Partial<MessageBrokerOptions>;
  readonly relay?: Partial<OutboxRelayOptions>;
  readonly consumer?: Partial<IdempotentConsumerOptions>;
}

/** The pattern wired as a system would: database, broker, relay (outbox mode), consumer, producer, ledger; plus what the test reads. */
export function outboxWorld(o: WorldOptions) {
  const sim = new Simulation({ seed: o.seed ?? 1 });
  const db = new OutboxDatabase(sim, 'db', o.db);
  const broker = new MessageBroker(sim, 'broker', o.broker);
  const relay = o.publish === 'outbox' ? new OutboxRelay(sim, 'relay', db, broker, o.relay) : null;
  const consumer = new IdempotentConsumer(sim, 'consumer', broker, o.consumer);
  const producer = new EventProducer(sim, 'svc', db, broker, { publish: o.publish });
  const ledger = new DeliveryLedger(sim, db, broker, consumer);
  const records: OutboxRecord[] = [];
  sim.trace.addSink({ record: (rec) => { if (rec.source !== 'fault') records.push(rec as OutboxRecord); } });
  const deliveries: { id: number; at: Micros }[] = [];
  consumer.delivered.add((msg) => deliveries.push({ id: msg.id, at: sim.now }));
  const applied: { id: number; at: Micros; again: boolean }[] = [];
  consumer.applied.add((msg, again) => applied.push({ id: msg.id, at: sim.now, again }));
  const commits: { id: number; at: Micros }[] = [];
  db.committed.add((msg) => commits.push({ id: msg.id, at: sim.now }));
  /** A write at each of these times (ms). */
  const writeAt = (...times: number[]) => { for (const t of times) sim.at(ms(t), () => producer.write()); };
  const fault = (atMs: number, target: string, kind: string, params?: Record<string, unknown>) =>
    sim.faults.schedule([params === undefined ? { at: ms(atMs), target, kind } : { at: ms(atMs), target, kind, params }]);
  return { sim, db, broker, relay, consumer, producer, ledger, records, deliveries, applied, commits, writeAt, fault };
}

/** `count` writes, one every `everyMs`, from `fromMs`; returns their times. */
export function everyMs(count: number, every: number, from = 0): number[] {
  return Array.from({ length: count }, (_, k) => from + k * every);
}
