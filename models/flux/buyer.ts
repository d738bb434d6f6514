import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { TimeoutQueue } from '../../src/kernel/timeout-queue.js';
import { ms } from '../../src/kernel/time.js';
import { fullJitterMs } from '../client/backoff.js';
import type { LoadBalancer } from '../load-balancer/load-balancer.js';
import type { ApiInstance } from './api-instance.js';
import type { FlashSaleOptions, SaleOutcome } from './sale.js';
import type { FluxEvents } from './flux-events.js';
import type { ApiReply, Order } from './order.js';

/** What every buyer shares: the sale, its outcome, the back-off stream and the request time-outs. */
export interface BuyerContext {
  readonly sim: Simulation;
  readonly lb: LoadBalancer<ApiInstance>;
  readonly o: FlashSaleOptions;
  readonly out: SaleOutcome;
  readonly backoffRng: RandomStream;
  /** Every attempt waits the same request timeout: one queue, one pending timer (see newAttemptTimeouts). */
  readonly timeouts: TimeoutQueue<Attempt>;
}

/** One request of a buyer, answered or timed out, whichever comes first. */
export class Attempt {
  settled = false;
  constructor(readonly buyer: Buyer) {}
}

/** The buyers' request time-outs: an attempt still unanswered at its deadline ends without a reply. */
export function newAttemptTimeouts(sim: Simulation, requestTimeoutMs: number): TimeoutQueue<Attempt> {
  return new TimeoutQueue<Attempt>(sim, ms(requestTimeoutMs), (a) => !a.settled, (a) => {
    a.settled = true;
    a.buyer.finish(null);
  });
}

/**
 * One buyer of flash-sale.ts, written as callbacks: each attempt goes to the
 * instance the load balancer picks and waits at most the request timeout;
 * a failed one is retried after full-jitter back-off (as RetryClient does),
 * up to maxAttempts. Callbacks in place of a buyer process: a step runs in
 * the event that brings the answer or the time-out.
 */
export class Buyer {
  readonly sim: Simulation;
  /** Attempts made so far. */
  private made = 0;

  constructor(private readonly c: BuyerContext, readonly order: Order) {
    this.sim = c.sim;
  }

  /** Sends one request, or finds no instance in rotation and gives that attempt up after 1 ms. */
  attempt(): void {
    const { sim, lb, out } = this.c;
    out.attempts++;
    const instance = lb.pick();
    if (instance === undefined) {
      sim.schedule(ms(1), noInstance, this);
      return;
    }
    const a = new Attempt(this);
    this.c.timeouts.start(a);
    instance.handle(this.order, answered, a);
  }

  /** The attempt ended with `reply` (null: no answer); a 200 or a 409 is final, anything else is retried. */
  finish(reply: ApiReply | null): void {
    const { sim, o, out } = this.c;
    const orderId = this.order.orderId;
    const error = reply === null || reply.status === 500;
    out.attemptLog.push({ t: sim.now, error });
    if (error) out.errorAttempts++;
    sim.trace.typed<FluxEvents>().emit('buyer', 'reply', { order: orderId, status: reply?.status ?? 0 });
    if (reply !== null) out.replies.call(this.order, reply);
    if (reply?.status === 200) {
      out.accepted.add(orderId);
      out.acceptedAt.set(orderId, sim.now);
      if (reply.body === 'duplicate') out.acceptedAsDuplicate.add(orderId);
      return;
    }
    if (reply?.status === 409) { out.soldOut.add(orderId); return; }
    if (++this.made >= o.maxAttempts) { out.failed.add(orderId); return; }
    sim.schedule(ms(fullJitterMs(this.c.backoffRng, this.made - 1, o.backoffBaseMs, o.backoffCapMs)), sendAttempt, this);
  }
}

export function sendAttempt(b: Buyer): void {
  b.attempt();
}

function noInstance(b: Buyer): void {
  b.finish(null);
}

/** The API answered, unless the time-out went first. */
function answered(reply: ApiReply, a: Attempt): void {
  if (a.settled) return;
  a.settled = true;
  a.buyer.finish(reply);
}
