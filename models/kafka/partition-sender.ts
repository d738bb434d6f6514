import type { Event } from '../../src/kernel/event.js';
import { URGENT } from '../../src/kernel/priority.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { retryBackoffMs } from './backoff.js';
import type { KafkaBroker } from './broker.js';
import { CONNECTION_REFUSED, DELIVERY_TIMEOUT, REQUEST_TIMED_OUT, type ProduceRequest, type ProduceResponse, type Reply } from './protocol.js';
import { requestThen, type ReplyWaiter } from './rpc.js';
import type { ProducerEvents } from './kafka-events.js';

/**
 * The producer's record accumulator and sender for one partition.
 *
 * Records wait in a queue; the sender takes them in batches (up to batch.size,
 * 16384 bytes [KAFKA-PC]; a record's size is its key and value length here)
 * and keeps one batch in flight, retrying it until it is acknowledged. Records
 * that arrive meanwhile form the next batch: the log keeps the send order, as
 * Kafka guarantees for an idempotent producer. (Kafka allows up to 5 batches
 * in flight per connection; one per partition gives the same order and
 * outcomes with fewer moving parts.)
 *
 * Each attempt is one produce request that waits request.timeout.ms. After a
 * failure the batch is retried after the exponential retry back-off, while:
 * - retries remain (`retries`, default MAX_INT [KAFKA-PC]). A refused
 *   connection does not count: nothing was sent, and the Java client keeps
 *   such a batch until the broker is reachable again, bounded only by the
 *   delivery timeout;
 * - delivery.timeout.ms has not passed since the oldest record's send()
 *   (120 s [KAFKA-PC]). It also bounds an attempt in flight and records still
 *   queued: the record fails with DELIVERY_TIMEOUT exactly then.
 * A batch whose reply was lost is sent again. An idempotent producer tags it
 * with the same producer id and sequence number, and the broker answers with
 * the offsets of the first copy; without idempotence the log gets it twice
 * [KAFKA-PC], [KAFKA-DESIGN]. A request that timed out or ran past the
 * delivery timeout may still have been appended: "failed" does not mean
 * "not written".
 */
export const BATCH_SIZE_BYTES = 16384;

export type SendResult = { ok: true; partition: number; offset: number } | { ok: false; error: string };

export interface SenderContext {
  readonly sim: Simulation;
  readonly net: Network;
  readonly host: string;
  readonly broker: KafkaBroker;
  /** The producer's name: trace source and process names. */
  readonly name: string;
  readonly rng: RandomStream;
  /** Set for an idempotent producer. */
  readonly producerId: number | null;
  readonly retries: number;
  readonly deliveryTimeout: Micros;
  readonly requestTimeout: Micros;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
}

interface Pending {
  readonly key: string;
  readonly value: string;
  readonly sentAt: Micros;
  readonly done: Event<SendResult>;
  expiry: number;
}

const NO_REPLY: Reply<never> = { ok: false, error: 'no reply yet' };

/**
 * Callbacks in place of a drain process: a step runs in the event that
 * brings the broker's reply or its time-out (network.ts `request`).
 */
export class PartitionSender implements ReplyWaiter<ProduceResponse> {
  reply: Reply<ProduceResponse> = NO_REPLY;
  private readonly queue: Pending[] = [];
  private busy = false;
  private nextSequence = 0;
  /** The batch in flight and its attempts. */
  private batch: Pending[] = [];
  private produce: () => Reply<ProduceResponse> = () => NO_REPLY;
  private deadline: Micros = 0;
  private attempt = 0;
  private retries = 0;
  private cutByDeadline = false;

  constructor(private readonly c: SenderContext, readonly topic: string, readonly partition: number) {}

  enqueue(key: string, value: string, done: Event<SendResult>): void {
    const item: Pending = { key, value, sentAt: this.c.sim.now, done, expiry: -1 };
    item.expiry = this.c.sim.schedule(this.c.deliveryTimeout, () => this.expireQueued(item));
    this.queue.push(item);
    if (!this.busy) {
      this.busy = true;
      // Where the drain process started: at once, before ordinary events of this instant.
      this.c.sim.schedule(0, drain, this, URGENT);
    }
  }

  /** A record still waiting for its batch when its delivery timeout ends. */
  private expireQueued(item: Pending): void {
    const i = this.queue.indexOf(item);
    if (i < 0) return;
    this.queue.splice(i, 1);
    this.giveUp([item], DELIVERY_TIMEOUT);
  }

  /** @internal The next batch, or idle when the queue is empty. */
  _drain(): void {
    if (this.queue.length === 0) { this.busy = false; return; }
    const batch = this.takeBatch();
    const { broker } = this.c;
    const req: ProduceRequest = { topic: this.topic, partition: this.partition, producerId: this.c.producerId, baseSequence: this.nextSequence, records: batch.map((r) => ({ key: r.key, value: r.value })) };
    this.nextSequence += batch.length;
    this.batch = batch;
    // Every attempt sends the same request: a late copy of an earlier attempt carries this batch too.
    this.produce = () => broker.handleProduce(req);
    this.deadline = batch[0]!.sentAt + this.c.deliveryTimeout;
    this.attempt = 0;
    this.retries = 0;
    this.send();
  }

  private takeBatch(): Pending[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length) {
      const size = this.queue[n]!.key.length + this.queue[n]!.value.length;
      if (n > 0 && bytes + size > BATCH_SIZE_BYTES) break;
      bytes += size;
      n++;
    }
    const batch = this.queue.splice(0, n);
    for (const r of batch) this.c.sim.cancel(r.expiry);
    return batch;
  }

  /** One attempt: a produce request that waits request.timeout.ms, cut at the delivery timeout. */
  private send(): void {
    const { sim, net, host, broker } = this.c;
    const left = this.deadline - sim.now;
    if (left <= 0) return this.giveUpBatch(DELIVERY_TIMEOUT);
    this.cutByDeadline = left < this.c.requestTimeout;
    requestThen(net, host, broker.name, this.produce, Math.min(this.c.requestTimeout, left), this);
  }

  replied(): void {
    const reply = this.reply;
    const sim = this.c.sim;
    if (reply.ok) {
      const base = reply.value.baseOffset;
      this.batch.forEach((r, i) => r.done.succeed({ ok: true, partition: this.partition, offset: base + i }));
      return this._drain();
    }
    if (reply.error === REQUEST_TIMED_OUT && this.cutByDeadline) return this.giveUpBatch(DELIVERY_TIMEOUT);
    if (reply.error !== CONNECTION_REFUSED && ++this.retries > this.c.retries) return this.giveUpBatch(reply.error);
    const pause = ms(retryBackoffMs(this.c.rng, this.attempt, this.c.retryBackoffMs, this.c.retryBackoffMaxMs));
    if (sim.now + pause >= this.deadline) {
      sim.schedule(this.deadline - sim.now, deliveryTimedOut, this);
      return;
    }
    sim.schedule(pause, retry, this);
  }

  /** @internal After the back-off. */
  _retry(): void {
    this.attempt++;
    this.send();
  }

  /** @internal The batch gives up at its delivery timeout, then the next one goes. */
  giveUpBatch(error: string): void {
    this.giveUp(this.batch, error);
    this._drain();
  }

  private giveUp(records: Pending[], error: string): void {
    this.c.sim.trace.typed<ProducerEvents>().emit(this.c.name, 'give-up', { topic: this.topic, partition: this.partition, records: records.length, error });
    for (const r of records) r.done.succeed({ ok: false, error });
  }
}

function drain(s: PartitionSender): void { s._drain(); }
function retry(s: PartitionSender): void { s._retry(); }
function deliveryTimedOut(s: PartitionSender): void { s.giveUpBatch(DELIVERY_TIMEOUT); }
