import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { RetryClient, type AttemptResult } from '../client/retry-client.js';
import { Hooks } from '../client/hooks.js';
import type { LoadBalancer } from '../load-balancer/load-balancer.js';
import type { ApiInstance } from './api-instance.js';
import type { ApiReply, Order } from './order.js';
import { wait } from '../../src/kernel/wait.js';
import type { FluxEvents } from './flux-events.js';

/**
 * A flash sale: `clients` buyers each send one order at a random moment of
 * the sale window. A buyer retries a failed or unanswered request with the
 * same idempotency key (its order id), with full-jitter back-off, up to
 * `maxAttempts` times. 200 means accepted, also when the server says the
 * key was already seen.
 */
export interface FlashSaleOptions {
  readonly clients: number;
  readonly productId: string;
  readonly saleStartMs: number;
  readonly saleWindowMs: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
}

export interface SaleOutcome {
  readonly accepted: Set<string>;
  /** When each accepted order got its 200. */
  readonly acceptedAt: Map<string, Micros>;
  /** Orders whose 200 said "duplicate": the idempotency key was already there. */
  readonly acceptedAsDuplicate: Set<string>;
  readonly soldOut: Set<string>;
  readonly failed: Set<string>;
  attempts: number;
  errorAttempts: number;
  /** When each attempt ended and whether it was an error (5xx, no answer, no instance). */
  readonly attemptLog: { t: Micros; error: boolean }[];
  /** Called with every reply a buyer receives, before the buyer acts on it. */
  readonly replies: Hooks<Order, ApiReply>;
}

export function startFlashSale(sim: Simulation, lb: LoadBalancer<ApiInstance>, o: FlashSaleOptions): SaleOutcome {
  const out: SaleOutcome = { accepted: new Set(), acceptedAt: new Map(), acceptedAsDuplicate: new Set(), soldOut: new Set(), failed: new Set(), attempts: 0, errorAttempts: 0, attemptLog: [], replies: new Hooks() };
  const rng = sim.rng('flash-sale/clients');
  const client = new RetryClient(sim, 'buyer', { ...o, rngName: 'flash-sale/backoff' });
  for (let c = 0; c < o.clients; c++) {
    const order: Order = { orderId: `order-${c}`, clientId: `client-${c}`, productId: o.productId };
    const at = ms(o.saleStartMs + rng.uniform(0, o.saleWindowMs));
    sim.schedule(at, () => sim.process(buy(order), 'buyer'));
  }

  function* buy(order: Order): ProcessGenerator<void> {
    const r = yield* client.retry(() => attempt(order));
    if (!r.ok) out.failed.add(order.orderId);
  }

  /** One request; a 200 or a 409 is a final answer, anything else (429 included) is retried. */
  function* attempt(order: Order): ProcessGenerator<AttemptResult<ApiReply>> {
    out.attempts++;
    const instance = lb.pick();
    let reply: ApiReply | null = null;
    if (instance !== undefined) {
      const r = yield* wait(sim.within(instance.handle(order), ms(o.requestTimeoutMs)));
      reply = r.ok ? r.value! : null;
    } else {
      yield sim.sleep(ms(1));
    }
    const error = reply === null || reply.status === 500;
    out.attemptLog.push({ t: sim.now, error });
    if (error) out.errorAttempts++;
    sim.trace.typed<FluxEvents>().emit('buyer', 'reply', { order: order.orderId, status: reply?.status ?? 0 });
    if (reply !== null) out.replies.call(order, reply);
    if (reply?.status === 200) { out.accepted.add(order.orderId); out.acceptedAt.set(order.orderId, sim.now); if (reply.body === 'duplicate') out.acceptedAsDuplicate.add(order.orderId); return { ok: true, value: reply }; }
    if (reply?.status === 409) { out.soldOut.add(order.orderId); return { ok: true, value: reply }; }
    return { ok: false, error: String(reply?.status ?? 'no answer') };
  }
  return out;
}
