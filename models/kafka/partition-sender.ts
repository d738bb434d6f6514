import type { Event } from '../../src/kernel/event.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { retryBackoffMs } from './backoff.js';
import type { KafkaBroker } from './broker.js';
import { CONNECTION_REFUSED, DELIVERY_TIMEOUT, REQUEST_TIMED_OUT } from './protocol.js';
import { request } from './rpc.js';
import { wait } from '../../src/kernel/wait.js';
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

export class PartitionSender {
  private readonly queue: Pending[] = [];
  private busy = false;
  private nextSequence = 0;

  constructor(private readonly c: SenderContext, readonly topic: string, readonly partition: number) {}

  enqueue(key: string, value: string, done: Event<SendResult>): void {
    const item: Pending = { key, value, sentAt: this.c.sim.now, done, expiry: -1 };
    item.expiry = this.c.sim.schedule(this.c.deliveryTimeout, () => this.expireQueued(item));
    this.queue.push(item);
    if (!this.busy) {
      this.busy = true;
      this.c.sim.process(this.drain(), `${this.c.name}/${this.topic}-${this.partition}`);
    }
  }

  /** A record still waiting for its batch when its delivery timeout ends. */
  private expireQueued(item: Pending): void {
    const i = this.queue.indexOf(item);
    if (i < 0) return;
    this.queue.splice(i, 1);
    this.giveUp([item], DELIVERY_TIMEOUT);
  }

  private *drain(): ProcessGenerator<void> {
    while (this.queue.length > 0) yield* this.deliver(this.takeBatch());
    this.busy = false;
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

  private *deliver(batch: Pending[]): ProcessGenerator<void> {
    const { sim, net, host, broker } = this.c;
    const deadline = batch[0]!.sentAt + this.c.deliveryTimeout;
    const baseSequence = this.nextSequence;
    this.nextSequence += batch.length;
    const req = { topic: this.topic, partition: this.partition, producerId: this.c.producerId, baseSequence, records: batch.map((r) => ({ key: r.key, value: r.value })) };
    let retries = 0;
    for (let attempt = 0; ; attempt++) {
      const left = deadline - sim.now;
      if (left <= 0) return this.giveUp(batch, DELIVERY_TIMEOUT);
      const cutByDeadline = left < this.c.requestTimeout;
      const reply = yield* wait(request(sim, net, host, broker.name, () => broker.handleProduce(req), Math.min(this.c.requestTimeout, left)));
      if (reply.ok) {
        batch.forEach((r, i) => r.done.succeed({ ok: true, partition: this.partition, offset: reply.value.baseOffset + i }));
        return;
      }
      if (reply.error === REQUEST_TIMED_OUT && cutByDeadline) return this.giveUp(batch, DELIVERY_TIMEOUT);
      if (reply.error !== CONNECTION_REFUSED && ++retries > this.c.retries) return this.giveUp(batch, reply.error);
      const pause = ms(retryBackoffMs(this.c.rng, attempt, this.c.retryBackoffMs, this.c.retryBackoffMaxMs));
      if (sim.now + pause >= deadline) {
        yield sim.sleep(deadline - sim.now);
        return this.giveUp(batch, DELIVERY_TIMEOUT);
      }
      yield sim.sleep(pause);
    }
  }

  private giveUp(records: Pending[], error: string): void {
    this.c.sim.trace.typed<ProducerEvents>().emit(this.c.name, 'give-up', { topic: this.topic, partition: this.partition, records: records.length, error });
    for (const r of records) r.done.succeed({ ok: false, error });
  }
}
