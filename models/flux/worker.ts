import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { KafkaBroker, KafkaRecord } from '../kafka/broker.js';
import { KafkaConsumer, type ConsumerOptions } from '../kafka/consumer.js';
import type { Pod } from '../k8s/pod.js';
import type { Network } from '../net/network.js';
import type { DbClient, TxResult } from '../orders-db/db-client.js';
import type { Order } from './order.js';
import { wait } from '../../src/kernel/wait.js';

/**
 * The order worker: polls the "orders" topic, persists each order in one
 * database transaction, and commits offsets as configured:
 * - after: commitSync once the records of a poll are persisted (the
 *   document's design: a crash replays uncommitted records);
 * - before: commitSync right after the poll, before processing (a crash
 *   loses the records it had not persisted);
 * - auto: enable.auto.commit, positions committed every interval inside poll.
 * A failed transaction (database down, pool exhausted) is retried after a
 * back-off, as the document's "throw e; // Kafka will retry". A crash or an
 * OOM kill stops the consumer without leaving the group: its partitions wait
 * for the session timeout. Each restart joins as a new member.
 */
export type CommitMode = 'after' | 'before' | 'auto';

export interface WorkerOptions {
  readonly commitMode: CommitMode;
  readonly consumer: Omit<ConsumerOptions, 'enableAutoCommit'>;
  readonly pollWaitMs: number;
  readonly retryBackoffMs: number;
  /** Records of one poll persisted in parallel (KafkaJS partitionsConsumedConcurrently-style); 1 = one at a time. */
  readonly concurrency: number;
}

export class Worker {
  processed = 0;
  private incarnation = 0;
  private consumer: KafkaConsumer | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly pod: Pod,
    private readonly broker: KafkaBroker,
    private readonly db: DbClient,
    private readonly o: WorkerOptions,
    private readonly onPersisted: (order: Order, result: TxResult) => void,
  ) {
    pod.onStart(() => this.start());
    // A dead worker's connections close: transactions not yet committed roll back.
    pod.onStop(() => { this.consumer?.kill(); this.consumer = null; this.db.dropConnections(); });
  }

  start(): void {
    const consumer = new KafkaConsumer(this.sim, this.net, this.pod.name, this.broker, `${this.pod.name}#${++this.incarnation}`, 'orders', {
      ...this.o.consumer,
      enableAutoCommit: this.o.commitMode === 'auto',
    });
    this.consumer = consumer;
    consumer.start();
    this.pod.spawn(this.loop(consumer), 'worker');
  }

  private *loop(consumer: KafkaConsumer): ProcessGenerator<void> {
    for (;;) {
      const records = yield* wait(consumer.poll(this.o.pollWaitMs));
      if (records.length === 0) continue;
      const next = new Map<number, number>();
      for (const r of records) next.set(r.partition, Math.max(next.get(r.partition) ?? 0, r.offset + 1));
      if (this.o.commitMode === 'before') yield consumer.commit(next);
      for (let i = 0; i < records.length; i += this.o.concurrency) {
        const chunk = records.slice(i, i + this.o.concurrency);
        if (chunk.length === 1) yield* this.persist(chunk[0]!);
        else yield this.sim.allOf(chunk.map((r) => this.pod.spawn(this.persist(r), 'transaction')));
      }
      if (this.o.commitMode === 'after') yield consumer.commit(next);
    }
  }

  /** One order, retried until the database takes it: at-least-once. */
  private *persist(record: KafkaRecord): ProcessGenerator<void> {
    const order = JSON.parse(record.value) as Order;
    for (;;) {
      const result = yield* wait(this.db.placeOrder(order.orderId, order.productId));
      this.onPersisted(order, result);
      if (result.ok) { this.processed++; return; }
      yield this.sim.sleep(ms(this.o.retryBackoffMs));
    }
  }
}
