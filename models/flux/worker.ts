import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { KafkaBroker, KafkaRecord } from '../kafka/broker.js';
import { KafkaConsumer } from '../kafka/consumer.js';
import type { Pod } from '../k8s/pod.js';
import type { Network } from '../net/network.js';
import type { DbClient, TxResult } from '../orders-db/db-client.js';
import type { Order } from './order.js';
import { wait } from '../../src/kernel/wait.js';
import { URGENT } from '../../src/kernel/priority.js';
import { PodWork } from './pod-work.js';
import { WorkerLoop, type WorkerLoopContext } from './worker-loop.js';
import type { WorkerOptions } from './worker-options.js';

export type { CommitMode, WorkerOptions } from './worker-options.js';

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
 * for the session timeout. Each restart joins as a new member. The loop's
 * steps are in worker-loop.ts.
 */
export class Worker {
  processed = 0;
  private incarnation = 0;
  private consumer: KafkaConsumer | null = null;
  private readonly work: PodWork;
  private readonly loopContext: WorkerLoopContext;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly pod: Pod,
    private readonly broker: KafkaBroker,
    private readonly db: DbClient,
    private readonly o: WorkerOptions,
    private readonly onPersisted: (order: Order, result: TxResult) => void,
  ) {
    this.work = new PodWork(sim, pod);
    this.loopContext = {
      sim, pod, db, o, onPersisted,
      persisted: () => { this.processed++; },
      persistProcess: (record) => this.persist(record),
    };
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
    const loop = new WorkerLoop(this.loopContext, consumer, this.work.ticket());
    // Where the loop process would start: at once, before ordinary events of this instant.
    this.sim.schedule(0, startLoop, loop, URGENT);
  }

  /** One order as its own process (chunks persisted in parallel), retried until the database takes it. */
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

function startLoop(loop: WorkerLoop): void {
  loop.start();
}
