import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import { runHandler, type Network, type Requester } from '../net/network.js';
import { REQUEST_TIMED_OUT, type Reply } from './protocol.js';

/**
 * One client request to the broker over the network: `handler` runs at the
 * broker when the request arrives and its reply travels back. No reply within
 * `timeout` (the request or the reply was lost, the link is cut, the broker
 * parks it too long) gives REQUEST_TIMED_OUT; the request may still have been
 * applied at the broker, which is how retries create duplicates.
 */
export function request<T>(
  sim: Simulation,
  net: Network,
  from: string,
  to: string,
  handler: () => Reply<T> | Event<Reply<T>>,
  timeout: Micros,
): Event<Reply<T>> {
  const out = new SettleReply(sim.event<Reply<T>>());
  net.request<() => Reply<T> | Event<Reply<T>>, Reply<T>>(from, to, runHandler, handler, timeout, out);
  return out.done;
}

const TIMED_OUT: Reply<never> = { ok: false, error: REQUEST_TIMED_OUT };

/** A caller of `requestThen` that is not a process: it is handed the reply in `reply`, then `replied()` runs. */
export interface ReplyWaiter<T> {
  reply: Reply<T>;
  replied(): void;
}

/** Settles `request`'s event with the broker's reply, or REQUEST_TIMED_OUT. */
class SettleReply<T> implements Requester<Reply<T>> {
  constructor(readonly done: Event<Reply<T>>) {}
  answered(reply: Reply<T>): void {
    this.done.succeed(reply);
  }
  timedOut(): void {
    this.done.succeed(TIMED_OUT);
  }
}

/** Hands a `requestThen` waiter the broker's reply, or REQUEST_TIMED_OUT. */
class HandReply<T> implements Requester<Reply<T>> {
  constructor(private readonly waiter: ReplyWaiter<T>) {}
  answered(reply: Reply<T>): void {
    this.waiter.reply = reply;
    this.waiter.replied();
  }
  timedOut(): void {
    this.waiter.reply = TIMED_OUT;
    this.waiter.replied();
  }
}

/**
 * `request` for a caller written as callbacks: `waiter` gets the reply in
 * the event in which it arrives, or the time-out in the event at the
 * deadline (network.ts `request`: no event object and no timer while
 * replies come in time).
 */
export function requestThen<T>(
  net: Network,
  from: string,
  to: string,
  handler: () => Reply<T> | Event<Reply<T>>,
  timeout: Micros,
  waiter: ReplyWaiter<T>,
): void {
  net.request<() => Reply<T> | Event<Reply<T>>, Reply<T>>(from, to, runHandler, handler, timeout, new HandReply(waiter));
}

/**
 * Registers a client's host on the network if nobody has: replies only reach
 * registered hosts. A host registered by its pod keeps the pod's reachability.
 */
export function ensureHost(net: Network, host: string): void {
  if (!net.hosts.includes(host)) net.addHost(host);
}
