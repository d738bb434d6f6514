import { URGENT } from '../../src/kernel/priority.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { fullJitterMs } from '../client/backoff.js';
import type { LoadBalancer } from '../load-balancer/load-balancer.js';
import type { ApiInstance } from './api-instance.js';
import type { FlashSaleOptions, SaleOutcome } from './sale.js';
import type { FluxEvents } from './flux-events.js';
import type { ApiReply, Order } from './order.js';

/** What every buyer shares: the sale, its outcome and the back-off stream. */
export interface BuyerContext {
  readonly sim: Simulation;
  readonly lb: LoadBalancer<ApiInstance>;
  readonly o: FlashSaleOptions;
  readonly out: SaleOutcome;
  readonly backoffRng: RandomStream;
}

/** One request of a buyer, answered or timed out, whichever comes first. */
class Attempt {
  timer = -1;
  settled = false;
  reply: ApiReply | null = null;
  constructor(readonly buyer: Buyer) {}
}

/**
 * One buyer of flash-sale.ts, written as callbacks: each attempt goes to the
 * instance the load balancer picks and waits at most the request timeout;
 * a failed one is retried after full-jitter back-off (as RetryClient does),
 * up to maxAttempts. Callbacks in place of the buyer process, step for step:
 * each step runs in the event in which that process resumed (a within()
 * answer one event after the API's, a time-out one event after its timer),
 * so every seed gives the run it gave with the process.
 */
export class Buyer {
  readonly sim: Simulation;
  /** Attempts made so far. */
  private made = 0;

  constructor(private readonly c: BuyerContext, readonly order: Order) {
    this.sim = c.sim;
  }

  /** The buyer sends its first request at `at` (µs from now). */
  startIn(at: number): void {
    this.c.sim.schedule(at, arrive, this);
  }

  /** Sends one request, or finds no instance in rotation and gives that attempt up after 1 ms. */
  attempt(): void {
    const { sim, lb, o, out } = this.c;
    out.attempts++;
    const instance = lb.pick();
    if (instance === undefined) {
      sim.schedule(ms(1), noInstance, this);
      return;
    }
    const a = new Attempt(this);
    instance.handle(this.order, answered, a);
    a.timer = sim.schedule(ms(o.requestTimeoutMs), timedOut, a);
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
    sim.schedule(ms(fullJitterMs(this.c.backoffRng, this.made - 1, o.backoffBaseMs, o.backoffCapMs)), retry, this);
  }
}

/** The buyer's process started: at once, before ordinary events of this instant. */
function arrive(b: Buyer): void {
  b.sim.schedule(0, retry, b, URGENT);
}

function retry(b: Buyer): void {
  b.attempt();
}

function noInstance(b: Buyer): void {
  b.finish(null);
}

/** The API answered: within() passes the answer on one event later, unless the timer went first. */
function answered(reply: ApiReply, a: Attempt): void {
  a.reply = reply;
  a.buyer.sim.schedule(0, answerArrives, a);
}

function answerArrives(a: Attempt): void {
  if (a.settled) return;
  a.settled = true;
  const sim = a.buyer.sim;
  sim.cancel(a.timer);
  sim.schedule(0, resumeAnswered, a);
}

function resumeAnswered(a: Attempt): void {
  a.buyer.finish(a.reply);
}

function timedOut(a: Attempt): void {
  if (a.settled) return;
  a.settled = true;
  a.buyer.sim.schedule(0, resumeTimedOut, a);
}

function resumeTimedOut(a: Attempt): void {
  a.buyer.finish(null);
}
