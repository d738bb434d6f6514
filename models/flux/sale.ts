import type { Micros } from '../../src/kernel/time.js';
import type { Hooks } from '../client/hooks.js';
import type { ApiReply, Order } from './order.js';

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
