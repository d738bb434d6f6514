import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { CallOutcome, Network } from '../net/network.js';
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
  const out = sim.event<Reply<T>>();
  net.call(from, to, handler, timeout).addCallback((ev) => { out.succeed(replyOf(ev.value!)); });
  return out;
}

const TIMED_OUT: Reply<never> = { ok: false, error: REQUEST_TIMED_OUT };

/** The broker's reply, or REQUEST_TIMED_OUT when none came back in time. */
function replyOf<T>(outcome: CallOutcome<Reply<T>>): Reply<T> {
  return outcome.ok ? outcome.value : TIMED_OUT;
}

/** A caller of `requestThen` that is not a process: it is handed the reply in `reply`, then `replied()` runs. */
export interface ReplyWaiter<T> {
  reply: Reply<T>;
  replied(): void;
}

function resume(waiter: ReplyWaiter<unknown>): void {
  waiter.replied();
}

/**
 * `request` for a caller written as callbacks: `waiter` gets the reply one
 * event after the answer arrives, the instant and queue position at which a
 * process waiting on `request`'s event resumes, so both make the same run.
 */
export function requestThen<T>(
  sim: Simulation,
  net: Network,
  from: string,
  to: string,
  handler: () => Reply<T> | Event<Reply<T>>,
  timeout: Micros,
  waiter: ReplyWaiter<T>,
): void {
  net.call(from, to, handler, timeout).addCallback((ev) => {
    waiter.reply = replyOf(ev.value!);
    sim.schedule(0, resume, waiter);
  });
}

/**
 * Registers a client's host on the network if nobody has: replies only reach
 * registered hosts. A host registered by its pod keeps the pod's reachability.
 */
export function ensureHost(net: Network, host: string): void {
  if (!net.hosts.includes(host)) net.addHost(host);
}
