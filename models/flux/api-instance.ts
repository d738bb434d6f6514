import type { Event } from '../../src/kernel/event.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Pod } from '../k8s/pod.js';
import type { KafkaProducer } from '../kafka/producer.js';
import type { RedisClient } from '../redis/redis-client.js';
import type { Outbox } from './outbox.js';
import { stockKey, type ApiReply, type Order } from './order.js';
import { formatBucket, parseBucket, takeToken, type TokenBucketOptions } from '../token-bucket/token-bucket.js';
import { wait } from '../../src/kernel/wait.js';

/**
 * One stateless ingestion API instance, doing what the Flux-Gate document's
 * handler does, in its order: rate limit (token bucket in Redis), idempotency
 * key (SET NX PX), stock DECR (compensated with INCR when it goes below
 * zero), publish the order to Kafka, answer 200. A Kafka failure after the
 * DECR answers 500 and leaves the stock decremented, unless a mitigation
 * from the document's Prevention sections is on:
 * - retry: an idempotent producer retrying until its delivery timeout;
 * - outbox: the order goes to a transactional outbox, a relay publishes it;
 * - compensate: the DECR is rolled back with INCR.
 * A crash of the instance kills its requests in flight: their clients time out.
 */
export type Mitigation = 'none' | 'retry' | 'outbox' | 'compensate';

export interface ApiOptions {
  readonly rateLimit: TokenBucketOptions | null;
  /** With Redis unreachable, let requests through the rate limiter (fail open) or refuse them. */
  readonly rateLimitFailOpen: boolean;
  readonly idempotencyTtlMs: number;
  readonly mitigation: Mitigation;
  readonly outboxTimeoutMs: number;
}

export class ApiInstance {
  constructor(
    private readonly sim: Simulation,
    readonly pod: Pod,
    private readonly redis: RedisClient,
    private readonly producer: KafkaProducer,
    private readonly outbox: Outbox | null,
    private readonly o: ApiOptions,
  ) {}

  get name(): string {
    return this.pod.name;
  }

  /** Handles one request; the event is never answered if the instance dies first. */
  handle(order: Order): Event<ApiReply> {
    const done = this.sim.event<ApiReply>();
    this.pod.spawn(this.serve(order, done), 'request');
    return done;
  }

  private *serve(order: Order, done: Event<ApiReply>): ProcessGenerator<void> {
    done.succeed(yield* this.process(order));
  }

  private *process(order: Order): ProcessGenerator<ApiReply> {
    if (this.o.rateLimit !== null) {
      const limited = yield* this.rateLimited(order.clientId, this.o.rateLimit);
      if (limited === 'error') return { status: 500, body: 'error', reason: 'rate limiter unavailable' };
      if (limited) return { status: 429, body: 'rate-limited' };
    }
    const idem = yield* wait(this.redis.command({ op: 'set', key: `idem:${order.orderId}`, value: '1', nx: true, exMs: this.o.idempotencyTtlMs }));
    if (!idem.ok) return { status: 500, body: 'error', reason: `idempotency: ${idem.error}` };
    if (idem.value === null) return { status: 200, body: 'duplicate' };

    const key = stockKey(order.productId);
    const left = yield* wait(this.redis.command({ op: 'decr', key }));
    if (!left.ok) return { status: 500, body: 'error', reason: `stock: ${left.error}` };
    if ((left.value as number) < 0) {
      yield this.redis.command({ op: 'incr', key });
      return { status: 409, body: 'sold-out' };
    }

    if (this.o.mitigation === 'outbox' && this.outbox !== null) {
      const stored = yield* wait(this.outbox.append(this.name, order, this.o.outboxTimeoutMs));
      return stored.ok && stored.value ? { status: 200, body: 'accepted' } : { status: 500, body: 'error', reason: 'outbox unavailable' };
    }
    const sent = yield* wait(this.producer.send('orders', order.orderId, JSON.stringify(order)));
    if (sent.ok) return { status: 200, body: 'accepted' };
    if (this.o.mitigation === 'compensate') yield this.redis.command({ op: 'incr', key });
    return { status: 500, body: 'error', reason: `kafka: ${sent.error}` };
  }

  /** Token bucket read-modify-write in Redis; 'error' when Redis cannot be used and the limiter fails closed. */
  private *rateLimited(clientId: string, bucket: TokenBucketOptions): ProcessGenerator<boolean | 'error'> {
    const key = `ratelimit:${clientId}`;
    const got = yield* wait(this.redis.command({ op: 'get', key }));
    if (!got.ok) return this.o.rateLimitFailOpen ? false : 'error';
    const { state, allowed } = takeToken(parseBucket(got.value, bucket.burst, this.sim.now), bucket, this.sim.now);
    const ttlMs = Math.ceil((bucket.burst / bucket.ratePerS) * 1000) + 1000;
    const put = yield* wait(this.redis.command({ op: 'set', key, value: formatBucket(state), exMs: ttlMs }));
    if (!put.ok && !this.o.rateLimitFailOpen) return 'error';
    return !allowed;
  }
}
