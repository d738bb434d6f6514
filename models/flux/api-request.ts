import type { Event } from '../../src/kernel/event.js';
import type { Process } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { KafkaProducer, SendResult } from '../kafka/producer.js';
import type { CallOutcome } from '../net/network.js';
import type { RedisCommand, RedisReply } from '../redis/commands.js';
import type { RedisClient, RedisWaiter } from '../redis/redis-client.js';
import { formatBucket, parseBucket, takeToken, type TokenBucketOptions } from '../token-bucket/token-bucket.js';
import type { ApiOptions } from './api-options.js';
import { stockKey, type ApiReply, type Order } from './order.js';
import type { Outbox } from './outbox.js';

/** What a request uses of its API instance. */
export interface ApiContext {
  readonly sim: Simulation;
  readonly name: string;
  readonly redis: RedisClient;
  readonly producer: KafkaProducer;
  readonly outbox: Outbox | null;
  readonly o: ApiOptions;
}

/** Where the answer goes: called once, at the step that answers. */
export type ReplyTo<A> = (reply: ApiReply, arg: A) => void;

// The Redis command a request is waiting for.
const BUCKET_GET = 0, BUCKET_SET = 1, IDEMPOTENCY = 2, DECREMENT = 3, SOLD_OUT_INCR = 4, COMPENSATE_INCR = 5;

const LIMITER_DOWN: ApiReply = { status: 500, body: 'error', reason: 'rate limiter unavailable' };
const RATE_LIMITED: ApiReply = { status: 429, body: 'rate-limited' };
const DUPLICATE: ApiReply = { status: 200, body: 'duplicate' };
const SOLD_OUT: ApiReply = { status: 409, body: 'sold-out' };
const ACCEPTED: ApiReply = { status: 200, body: 'accepted' };
const OUTBOX_DOWN: ApiReply = { status: 500, body: 'error', reason: 'outbox unavailable' };
const NO_REPLY: RedisReply = { ok: false, error: 'no reply yet' };

/**
 * One request through the handler of api-instance.ts, written as callbacks:
 * rate limit (GET, then SET of the bucket), idempotency key, stock DECR
 * (INCR back below zero), publish or outbox, answer. Callbacks in place of
 * a request process: a step runs in the event that brings the Redis reply
 * (or its time-out) it waited for. It dies with its pod's processes
 * (`ticket`).
 */
export class ApiRequest<A> implements RedisWaiter {
  redisReply: RedisReply = NO_REPLY;
  private waitingFor = BUCKET_GET;
  private bucketKey = '';
  private allowed = true;
  private kafkaError = '';

  constructor(
    private readonly c: ApiContext,
    private readonly order: Order,
    private readonly ticket: Process<void>,
    private readonly replyTo: ReplyTo<A>,
    private readonly arg: A,
  ) {}

  /** The first step, in the event a spawned process would start in. */
  begin(): void {
    if (!this.ticket.isAlive) return;
    if (this.c.o.rateLimit !== null) this.readBucket();
    else this.setIdempotencyKey();
  }

  redisReplied(): void {
    if (!this.ticket.isAlive) return;
    const r = this.redisReply;
    switch (this.waitingFor) {
      case BUCKET_GET: return this.bucketRead(r, this.c.o.rateLimit!);
      case BUCKET_SET: return this.bucketWritten(r);
      case IDEMPOTENCY: return this.keySet(r);
      case DECREMENT: return this.decremented(r);
      case SOLD_OUT_INCR: return this.replyTo(SOLD_OUT, this.arg);
      case COMPENSATE_INCR: return this.replyTo({ status: 500, body: 'error', reason: `kafka: ${this.kafkaError}` }, this.arg);
    }
  }

  /** Token bucket read-modify-write in Redis, not atomic (token-bucket.ts). */
  private readBucket(): void {
    this.bucketKey = `ratelimit:${this.order.clientId}`;
    this.send(BUCKET_GET, { op: 'get', key: this.bucketKey });
  }

  private bucketRead(got: RedisReply, bucket: TokenBucketOptions): void {
    // Redis unreachable: fail open (no limit) or closed (an error answer).
    if (!got.ok) return this.c.o.rateLimitFailOpen ? this.setIdempotencyKey() : this.replyTo(LIMITER_DOWN, this.arg);
    const now = this.c.sim.now;
    const { state, allowed } = takeToken(parseBucket(got.value, bucket.burst, now), bucket, now);
    this.allowed = allowed;
    const ttlMs = Math.ceil((bucket.burst / bucket.ratePerS) * 1000) + 1000;
    this.send(BUCKET_SET, { op: 'set', key: this.bucketKey, value: formatBucket(state), exMs: ttlMs });
  }

  private bucketWritten(put: RedisReply): void {
    if (!put.ok && !this.c.o.rateLimitFailOpen) return this.replyTo(LIMITER_DOWN, this.arg);
    if (!this.allowed) return this.replyTo(RATE_LIMITED, this.arg);
    this.setIdempotencyKey();
  }

  private setIdempotencyKey(): void {
    this.send(IDEMPOTENCY, { op: 'set', key: `idem:${this.order.orderId}`, value: '1', nx: true, exMs: this.c.o.idempotencyTtlMs });
  }

  private keySet(idem: RedisReply): void {
    if (!idem.ok) return this.replyTo({ status: 500, body: 'error', reason: `idempotency: ${idem.error}` }, this.arg);
    if (idem.value === null) return this.replyTo(DUPLICATE, this.arg);
    this.send(DECREMENT, { op: 'decr', key: stockKey(this.order.productId) });
  }

  private decremented(left: RedisReply): void {
    if (!left.ok) return this.replyTo({ status: 500, body: 'error', reason: `stock: ${left.error}` }, this.arg);
    if ((left.value as number) < 0) return this.send(SOLD_OUT_INCR, { op: 'incr', key: stockKey(this.order.productId) });
    const { outbox, o } = this.c;
    if (o.mitigation === 'outbox' && outbox !== null) {
      outbox.append(this.c.name, this.order, o.outboxTimeoutMs).addCallback((ev) => this.stored(ev));
      return;
    }
    this.c.producer.send('orders', this.order.orderId, JSON.stringify(this.order)).addCallback((ev) => this.published(ev));
  }

  private stored(ev: Event<CallOutcome<boolean>>): void {
    if (!this.ticket.isAlive) return;
    const stored = ev.value!;
    this.replyTo(stored.ok && stored.value ? ACCEPTED : OUTBOX_DOWN, this.arg);
  }

  private published(ev: Event<SendResult>): void {
    if (!this.ticket.isAlive) return;
    const sent = ev.value!;
    if (sent.ok) return this.replyTo(ACCEPTED, this.arg);
    if (this.c.o.mitigation === 'compensate') {
      this.kafkaError = sent.error;
      return this.send(COMPENSATE_INCR, { op: 'incr', key: stockKey(this.order.productId) });
    }
    this.replyTo({ status: 500, body: 'error', reason: `kafka: ${sent.error}` }, this.arg);
  }

  private send(step: number, cmd: RedisCommand): void {
    this.waitingFor = step;
    this.c.redis.commandThen(cmd, this);
  }
}
