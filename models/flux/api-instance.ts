import { URGENT } from '../../src/kernel/priority.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Pod } from '../k8s/pod.js';
import type { KafkaProducer } from '../kafka/producer.js';
import type { RedisClient } from '../redis/redis-client.js';
import type { ApiOptions } from './api-options.js';
import { ApiRequest, type ApiContext, type ReplyTo } from './api-request.js';
import type { Outbox } from './outbox.js';
import type { Order } from './order.js';
import { PodWork } from './pod-work.js';

export type { ApiOptions, Mitigation } from './api-options.js';

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
 * The steps are in api-request.ts.
 */
export class ApiInstance {
  private readonly work: PodWork;
  private readonly context: ApiContext;

  constructor(
    private readonly sim: Simulation,
    readonly pod: Pod,
    redis: RedisClient,
    producer: KafkaProducer,
    outbox: Outbox | null,
    o: ApiOptions,
  ) {
    this.work = new PodWork(sim, pod);
    this.context = { sim, name: pod.name, redis, producer, outbox, o };
  }

  get name(): string {
    return this.pod.name;
  }

  /**
   * Handles one request: `replyTo(reply, arg)` runs in the event in which the
   * request answers; never if the instance dies first.
   */
  handle<A>(order: Order, replyTo: ReplyTo<A>, arg: A): void {
    const request = new ApiRequest(this.context, order, this.work.ticket(), replyTo, arg);
    // Where the request process started: at once, before ordinary events of this instant.
    this.sim.schedule(0, begin, request, URGENT);
  }
}

function begin(request: ApiRequest<unknown>): void {
  request.begin();
}
