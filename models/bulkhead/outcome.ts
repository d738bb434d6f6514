import type { Event } from '../../src/kernel/event.js';

/** What a process waiting on a bulkhead gets: in, or resilience4j's `BulkheadFullException` message. */
export type BulkheadOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** The one "in" outcome: it carries nothing, so every grant shares it (no allocation per call). */
export const PERMITTED: BulkheadOutcome = Object.freeze({ ok: true });

/**
 * Settles `ev` with `value`: already processed when decided inside the call
 * that made the event (a process that yields it continues without a queue
 * trip, as ConnectionPool.acquire does), otherwise through the queue.
 */
export function settleOutcome(ev: Event<BulkheadOutcome>, inCall: boolean, value: BulkheadOutcome): void {
  if (inCall) ev._settle(true, value);
  else ev.succeed(value);
}

/**
 * The surface both bulkheads share, so a gateway can hold either: `enter`
 * calls exactly one of its callbacks, once (at once or later), and each
 * `onEnter` must be matched by one `exit` when the call's work is done.
 */
export interface Compartment {
  readonly name: string;
  readonly rejected: number;
  enter<A>(onEnter: (arg: A) => void, onReject: (error: string, arg: A) => void, arg: A): void;
  exit(): void;
}
