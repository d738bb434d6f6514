import type { Process, ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { KafkaConsumer } from '../kafka/consumer.js';
import type { KafkaRecord } from '../kafka/partition-log.js';
import type { Pod } from '../k8s/pod.js';
import type { DbClient, TxResult } from '../orders-db/db-client.js';
import type { Order } from './order.js';
import type { WorkerOptions } from './worker-options.js';

/** What the loop uses of its worker. */
export interface WorkerLoopContext {
  readonly sim: Simulation;
  readonly pod: Pod;
  readonly db: DbClient;
  readonly o: WorkerOptions;
  /** A transaction ended (the worker's onPersisted). */
  onPersisted(order: Order, result: TxResult): void;
  /** An order was persisted (the worker's count). */
  persisted(): void;
  /** One order as a process of the pod, for chunks persisted in parallel. */
  persistProcess(record: KafkaRecord): ProcessGenerator<void>;
}

/**
 * The worker's poll-persist-commit loop of worker.ts. Callbacks in place of
 * the worker process: a step runs in the event that brings what it waited
 * for (a poll's answer, a transaction's result). It dies with the pod's
 * processes (`ticket`). Records persisted in parallel stay processes of the
 * pod, killed one by one.
 */
export class WorkerLoop {
  private records: KafkaRecord[] = [];
  private offsets = new Map<number, number>();
  /** The first record of the chunk being persisted. */
  private index = 0;
  private order: Order | null = null;
  private readonly onPolled = (records: KafkaRecord[]) => { this.records = records; this._polled(); };
  private readonly onCommitted = () => { if (this.ticket.isAlive) this.committed(); };
  private readonly onChunk = () => { if (this.ticket.isAlive) this.nextChunk(); };
  private readonly onTransaction = (ev: { value: TxResult | undefined }) => { if (this.ticket.isAlive) this.transactionEnded(ev.value!); };
  private committedBefore = false;

  constructor(private readonly c: WorkerLoopContext, private readonly consumer: KafkaConsumer, private readonly ticket: Process<void>) {}

  /** The loop process's first step. */
  start(): void {
    if (this.ticket.isAlive) this.poll();
  }

  private poll(): void {
    this.consumer.pollThen(this.c.o.pollWaitMs, this.onPolled);
  }

  /** @internal The poll answered. */
  _polled(): void {
    if (!this.ticket.isAlive) return;
    const records = this.records;
    if (records.length === 0) return this.poll();
    const next = new Map<number, number>();
    for (const r of records) next.set(r.partition, Math.max(next.get(r.partition) ?? 0, r.offset + 1));
    this.offsets = next;
    this.index = 0;
    this.committedBefore = false;
    if (this.c.o.commitMode === 'before') {
      this.committedBefore = true;
      this.consumer.commit(next).addCallback(this.onCommitted);
      return;
    }
    this.persistChunk();
  }

  private committed(): void {
    if (this.committedBefore) {
      this.committedBefore = false;
      return this.persistChunk();
    }
    this.poll();
  }

  /** The chunk at `index`, or the commit after the last one. */
  private persistChunk(): void {
    const { o, sim, pod } = this.c;
    if (this.index >= this.records.length) {
      if (o.commitMode === 'after') this.consumer.commit(this.offsets).addCallback(this.onCommitted);
      else this.poll();
      return;
    }
    const chunk = this.records.slice(this.index, this.index + o.concurrency);
    if (chunk.length === 1) return this.persist(chunk[0]!);
    sim.allOf(chunk.map((r) => pod.spawn(this.c.persistProcess(r), 'transaction'))).addCallback(this.onChunk);
  }

  private nextChunk(): void {
    this.index += this.c.o.concurrency;
    this.persistChunk();
  }

  /** One order, retried until the database takes it: at-least-once. */
  private persist(record: KafkaRecord): void {
    this.order = JSON.parse(record.value) as Order;
    this.placeOrder();
  }

  /** @internal Also the retry, after the back-off. */
  _placeOrder(): void {
    if (this.ticket.isAlive) this.placeOrder();
  }

  private placeOrder(): void {
    this.c.db.placeOrder(this.order!.orderId, this.order!.productId).addCallback(this.onTransaction);
  }

  private transactionEnded(result: TxResult): void {
    this.c.onPersisted(this.order!, result);
    if (!result.ok) {
      this.c.sim.schedule(ms(this.c.o.retryBackoffMs), retryTransaction, this);
      return;
    }
    this.c.persisted();
    this.nextChunk();
  }
}

function retryTransaction(loop: WorkerLoop): void { loop._placeOrder(); }
