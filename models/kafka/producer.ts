import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import type { KafkaBroker } from './broker.js';
import { PartitionSender, type SenderContext, type SendResult } from './partition-sender.js';
import { partitionFor } from './partitioner.js';
import { ensureHost } from './rpc.js';

export type { SendResult } from './partition-sender.js';

/**
 * A Kafka producer (Java client semantics, Kafka >= 3.0 defaults [KAFKA-PC]).
 *
 * send() picks the partition from the key (murmur2, as the Java default
 * partitioner; see partitioner.ts), queues the record for that partition's
 * sender and returns an event that always succeeds, with the record's offset
 * or the error that made the producer give up (see partition-sender.ts for
 * batching, retries and the delivery timeout).
 *
 * acks: with one broker, acks=1 and acks=all behave the same (broker.ts).
 * acks=0 is fire and forget: send() succeeds at once with offset -1 (the Java
 * client reports -1 too), there are no retries, and a record sent while the
 * broker is down or the link is cut is silently lost. We treat the
 * connection as already open; the Java client would hold records while it
 * cannot connect at all.
 *
 * Idempotence (default on) needs acks=all and retries > 0. The Java client
 * turns it off silently when other settings conflict and it was not asked
 * for explicitly; we do the same, and `idempotent` says what is in effect.
 *
 * Partition metadata is read from the broker object directly, as if the
 * client's metadata cache were always current (no metadata requests,
 * max.block.ms not modelled).
 */
export interface ProducerOptions {
  acks: 0 | 1 | 'all';
  retries: number;
  deliveryTimeoutMs: number;
  requestTimeoutMs: number;
  retryBackoffMs: number;
  idempotent: boolean;
  /** retry.backoff.max.ms: the cap of the exponential back-off (default 1000). */
  retryBackoffMaxMs?: number;
}

export const DEFAULT_PRODUCER: ProducerOptions = {
  acks: 'all',
  retries: 2147483647,
  deliveryTimeoutMs: 120000,
  requestTimeoutMs: 30000,
  retryBackoffMs: 100,
  idempotent: true,
  retryBackoffMaxMs: 1000,
};

export class KafkaProducer {
  /** Whether idempotence is in effect (see the class comment). */
  readonly idempotent: boolean;
  private readonly senders = new Map<string, PartitionSender>();
  private readonly context: SenderContext;
  /** Arrival of the last acks=0 request: one connection delivers in order. */
  private lastFireAndForget: Micros = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly host: string,
    private readonly broker: KafkaBroker,
    readonly name: string,
    private readonly options: ProducerOptions,
  ) {
    if (options.deliveryTimeoutMs < options.requestTimeoutMs) {
      // The Java client rejects this configuration (delivery.timeout.ms >= linger.ms + request.timeout.ms).
      throw new Error(`${name}: deliveryTimeoutMs (${options.deliveryTimeoutMs}) must be at least requestTimeoutMs (${options.requestTimeoutMs})`);
    }
    ensureHost(net, host);
    this.idempotent = options.idempotent && options.acks === 'all' && options.retries > 0;
    this.context = {
      sim, net, host, broker, name,
      rng: sim.rng(`kafka/producer/${name}`),
      producerId: this.idempotent ? broker.allocateProducerId() : null,
      retries: options.retries,
      deliveryTimeout: ms(options.deliveryTimeoutMs),
      requestTimeout: ms(options.requestTimeoutMs),
      retryBackoffMs: options.retryBackoffMs,
      retryBackoffMaxMs: options.retryBackoffMaxMs ?? 1000,
    };
  }

  send(topic: string, key: string, value: string): Event<SendResult> {
    const partition = partitionFor(key, this.broker.partitionsOf(topic));
    const done = this.sim.event<SendResult>();
    if (this.options.acks === 0) {
      const req = { topic, partition, producerId: null, baseSequence: 0, records: [{ key, value }] };
      const broker = this.broker;
      const arrival = this.net.send(this.host, broker.name, () => { broker.handleProduce(req); }, undefined, this.lastFireAndForget);
      if (arrival >= 0) this.lastFireAndForget = arrival;
      return done.succeed({ ok: true, partition, offset: -1 });
    }
    this.sender(topic, partition).enqueue(key, value, done);
    return done;
  }

  private sender(topic: string, partition: number): PartitionSender {
    const k = `${topic}/${partition}`;
    let s = this.senders.get(k);
    if (!s) this.senders.set(k, (s = new PartitionSender(this.context, topic, partition)));
    return s;
  }
}
