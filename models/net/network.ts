import { Event } from '../../src/kernel/event.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { networkFaults, type NetworkFaultKind } from './network-faults.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { NetworkEvents } from './network-events.js';

/**
 * Links between named hosts: one-way latency drawn from a log-normal, random
 * loss, extra latency per host, and partitions. A message is dropped if the
 * path is cut when it is sent or when it would arrive, or if the receiver is
 * not reachable (a crashed machine answers nothing, so callers time out).
 *
 * Faults (target "network"): partition {groups: string[][]} cuts every link
 * between different groups; isolate {host} cuts one host from all others;
 * heal removes every cut; latency {host, ms} adds delay to a host's links;
 * loss {host, p} drops that share of its messages. Parameters: network-faults.ts.
 */
export interface NetworkOptions {
  /** Median one-way latency inside the cluster. */
  readonly latencyMedianMs: number;
  /** Sigma of the underlying normal: 0.5 puts p99 at about 3.2x the median. */
  readonly latencySigma: number;
  readonly lossProbability: number;
  /**
   * Messages sent ahead, round trips and unheard messages in one event or
   * none (default true). false runs every message as its own events: the
   * reference the shortcuts are tested against (same outcomes; an unheard
   * ack even gives the same trace).
   */
  readonly oneEventPaths?: boolean;
}

export const DEFAULT_NETWORK: NetworkOptions = { latencyMedianMs: 0.5, latencySigma: 0.5, lossProbability: 0 };

export type CallOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: 'timeout' };

/** Decides whether a host currently answers on the network (a crashed or frozen pod does not). */
export type Reachability = (host: string) => boolean;
/** Whether a host answered at an instant now or a moment ago (from its recorded state). */
export type PastReachability = (t: Micros) => boolean;

/** A registered host: whether it answers, and the faults on its links. */
interface Host {
  readonly answers: Reachability;
  readonly answeredAt: PastReachability | undefined;
  /** Extra one-way delay on its links (the latency fault), µs. */
  extraUs: Micros;
  /** Probability that one of its messages is dropped (the loss fault). */
  loss: number;
}

/**
 * A message in flight. Pooled: the network reuses them, so a send allocates
 * nothing (no closure either: the receiver's callback and its argument ride
 * in the message).
 */
class Message {
  from = '';
  to = '';
  toHost: Host | undefined = undefined;
  deliver: (arg: any) => void = noop;
  arg: unknown = undefined;
  /** A round trip's: when the request reached the server (see roundTrip); -1 for a one-way message. */
  servedAt: Micros = -1;
  fromHost: Host | undefined = undefined;
  replied: (arg: any, servedAt: Micros) => void = noop;
  constructor(readonly net: Network) {}
}

function noop(): void {}

function replyArrives(m: Message): void {
  m.net._replyArrives(m);
}

/** The queue's callback for every message: checks the receiver still hears, then delivers. */
function arrive(m: Message): void {
  m.net._arrive(m);
}

/** sendUnheard's answer for a message it sent as an ordinary event. */
export const SENT_AS_EVENT = -2;

export class Network {
  /** Cut links, as "a|b" with a < b; empty (and never consulted) when no partition exists. */
  private readonly cuts = new Set<string>();
  private readonly hostsByName = new Map<string, Host>();
  /** Hosts with a latency or loss fault in effect; while 0, sends skip those lookups. */
  private faultyHosts = 0;
  private readonly pool: Message[] = [];
  /** The latest instant up to which a message decided ahead relies on the links as they are (see promiseQuietUntil). */
  private latestDeparture: Micros = -1;
  private readonly rng: RandomStream;
  private readonly trace: TypedTrace<NetworkEvents>;
  private readonly latencyMedianUs: number;
  private readonly shortcuts: boolean;

  constructor(private readonly sim: Simulation, private readonly options: NetworkOptions = DEFAULT_NETWORK) {
    this.rng = sim.rng('network');
    this.trace = sim.trace.typed<NetworkEvents>();
    this.latencyMedianUs = options.latencyMedianMs * 1000;
    this.shortcuts = options.oneEventPaths ?? true;
    // Params arrive checked against networkFaults (hosts as registered by then), defaults filled in.
    const params = (kind: NetworkFaultKind) => () => networkFaults(this.hosts)[kind];
    sim.faults.on('network', 'partition', (f) => this.partition(f.params?.['groups'] as string[][]), params('partition'));
    sim.faults.on('network', 'isolate', (f) => this.isolate(f.params?.['host'] as string), params('isolate'));
    sim.faults.on('network', 'heal', () => this.heal(), params('heal'));
    sim.faults.on('network', 'latency', (f) => this.setExtraLatency(f.params?.['host'] as string, ms(f.params?.['ms'] as number)), params('latency'));
    sim.faults.on('network', 'loss', (f) => this.setLoss(f.params?.['host'] as string, f.params?.['p'] as number), params('loss'));
  }

  /**
   * Registers a host; `answers` says whether it currently responds, and
   * `answeredAt` (if the host keeps its history) whether it did at an
   * instant a moment ago, which lets round trips to it take one event.
   */
  addHost(name: string, answers?: Reachability, answeredAt?: PastReachability): void {
    const old = this.hostsByName.get(name);
    // A host given no rule always answers, now and before.
    const host = answers === undefined ? { answers: always, answeredAt: always } : { answers, answeredAt };
    this.hostsByName.set(name, { ...host, extraUs: old?.extraUs ?? 0, loss: old?.loss ?? 0 });
  }

  get hosts(): string[] {
    return [...this.hostsByName.keys()];
  }

  partition(groups: readonly (readonly string[])[]): void {
    if (!Array.isArray(groups)) throw new Error('partition: params.groups must be a list of host lists');
    this.changing('partition');
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++)
        for (const a of groups[i]!) for (const b of groups[j]!) this.cut(a, b);
    this.trace.emit('network', 'partition', { groups: groups.map((g) => g.join('+')) });
  }

  isolate(host: string): void {
    this.changing('isolate');
    for (const other of this.hostsByName.keys()) if (other !== host) this.cut(host, other);
    this.trace.emit('network', 'isolate', { host });
  }

  heal(): void {
    this.changing('heal');
    this.cuts.clear();
    this.trace.emit('network', 'heal');
  }

  setExtraLatency(host: string, delay: Micros): void {
    this.changing('latency');
    this.hostState(host).extraUs = delay;
    this.countFaultyHosts();
  }

  setLoss(host: string, p: number): void {
    this.changing('loss');
    this.hostState(host).loss = p;
    this.countFaultyHosts();
  }

  connected(a: string, b: string): boolean {
    return a === b || this.cuts.size === 0 || !this.cuts.has(pairKey(a, b));
  }

  /** True if `to` would receive a message sent by `from` now (ignoring random loss). */
  reachable(from: string, to: string): boolean {
    return this.connected(from, to) && (this.hostsByName.get(to)?.answers(to) ?? false);
  }

  /** One-way delay of a message from `from` to `to`, in µs. */
  latency(from: string, to: string): Micros {
    const base = this.latencyMedianUs * Math.exp(this.options.latencySigma * this.rng.normal());
    if (this.faultyHosts === 0) return Math.round(base);
    return Math.round(base + (this.hostsByName.get(from)?.extraUs ?? 0) + (this.hostsByName.get(to)?.extraUs ?? 0));
  }

  /**
   * Whether a message may be sent now to leave at `departAt` (a WAL sender's
   * queue, say) in one event: true when no network fault is scheduled up to
   * then, so the links at departure are the links now. The caller then also
   * checks at arrival that its sender was still there to send at `departAt`.
   */
  canSendAhead(departAt: Micros): boolean {
    return this.shortcuts && departAt < this.sim.faults.nextAt('network');
  }

  /**
   * Delivers `deliver(arg)` at `to` after the link latency, unless the message
   * is lost. `notBefore` keeps a stream's messages in order (TCP): pass the
   * previous message's arrival time. Returns the arrival time, or -1 if dropped.
   * `departAt` (default now) sends ahead: only when `canSendAhead(departAt)`,
   * which makes the outcome the one a send at `departAt` would have.
   */
  send<A>(from: string, to: string, deliver: (arg: A) => void, arg: A, notBefore: Micros = 0, departAt: Micros = this.sim.now): Micros {
    if (departAt > this.sim.now) {
      if (!this.canSendAhead(departAt)) throw new Error(`network: a message from ${from} to ${to} cannot be sent ahead to leave at ${departAt} µs: a network fault comes first`);
      this.promiseQuietUntil(departAt);
    }
    if (!this.connected(from, to) || this.lost(from, to)) return -1;
    const arrival = Math.max(departAt + this.latency(from, to), notBefore);
    this.schedule(from, to, arrival, deliver, arg);
    return arrival;
  }

  private schedule<A>(from: string, to: string, arrival: Micros, deliver: (arg: A) => void, arg: A): void {
    this.sim.at(arrival, arrive, this.message(from, to, deliver, arg));
  }

  private message<A>(from: string, to: string, deliver: (arg: A) => void, arg: A): Message {
    const m = this.pool.pop() ?? new Message(this);
    m.from = from;
    m.to = to;
    m.toHost = this.hostsByName.get(to);
    m.deliver = deliver;
    m.arg = arg;
    return m;
  }

  private release(m: Message): void {
    m.deliver = noop;
    m.replied = noop;
    m.arg = undefined;
    m.toHost = undefined;
    m.fromHost = undefined;
    m.servedAt = -1;
    this.pool.push(m);
  }

  /**
   * A message its receiver needs only when it next looks (a standby's flush
   * position at a primary not waiting for it): when nothing on the network
   * changes before it arrives and the receiver keeps its history, no event
   * is scheduled and the arrival time is returned; the receiver takes it in
   * when it looks, if `answered(to, arrival)`. Otherwise it is sent as
   * `send` does and the result is SENT_AS_EVENT; -1 if it was dropped.
   */
  sendUnheard<A>(from: string, to: string, deliver: (arg: A) => void, arg: A): Micros {
    if (!this.connected(from, to) || this.lost(from, to)) return -1;
    const arrival = this.sim.now + this.latency(from, to);
    if (this.hostsByName.get(to)?.answeredAt !== undefined && this.canSendAhead(arrival)) {
      this.promiseQuietUntil(arrival);
      return arrival;
    }
    this.schedule(from, to, arrival, deliver, arg);
    return SENT_AS_EVENT;
  }

  /** Whether `host` answered at `t` (now or a moment ago), from its history; false for a host that keeps none. */
  answered(host: string, t: Micros): boolean {
    return this.hostsByName.get(host)?.answeredAt?.(t) ?? false;
  }

  /** @internal A message's arrival: delivered if the link holds and the receiver answers. */
  _arrive(m: Message): void {
    const { from, to, toHost, deliver, arg } = m;
    this.release(m);
    if (this.connected(from, to) && toHost !== undefined && toHost.answers(to)) deliver(arg);
  }

  /**
   * A request answered the moment it arrives, by a server whose answer can
   * be read for a past instant (a read of recorded state), with both legs
   * in one event when nothing on the network can change before the server
   * has it. The request leaves now; `replied(arg, servedAt)` runs when the
   * reply arrives, given the instant the server got the request: it works
   * out the server's answer at that instant (and may find there was none).
   * Every check a two-event trip makes is made, each for its own instant:
   * the links at the server's instant are the links now (no network fault
   * comes first), the server's own state then is read from its history.
   *
   * When a network fault does come first, or the server keeps no history,
   * it falls back to two events: `serve(arg)` runs at the server when the
   * request arrives, and the caller sends the reply itself.
   */
  roundTrip<A>(from: string, to: string, serve: (arg: A) => void, replied: (arg: A, servedAt: Micros) => void, arg: A): void {
    if (!this.connected(from, to) || this.lost(from, to)) return;
    const servedAt = this.sim.now + this.latency(from, to);
    const toHost = this.hostsByName.get(to);
    if (toHost?.answeredAt === undefined || !this.canSendAhead(servedAt)) {
      this.schedule(from, to, servedAt, serve, arg);
      return;
    }
    // The reply leaves at servedAt over the links as they are now: its loss and delay are drawn now.
    this.promiseQuietUntil(servedAt);
    if (this.lost(to, from)) return;
    const m = this.message(to, from, noop, arg);
    m.servedAt = servedAt;
    m.fromHost = toHost;
    m.replied = replied;
    this.sim.at(servedAt + this.latency(to, from), replyArrives, m);
  }

  /** @internal A round trip's reply arrives: the server must have heard the request, and the client must hear the reply. */
  _replyArrives(m: Message): void {
    const { from, to, toHost, fromHost, replied, arg, servedAt } = m;
    this.release(m);
    if (!fromHost!.answeredAt!(servedAt)) return;
    if (this.connected(from, to) && toHost !== undefined && toHost.answers(to)) replied(arg, servedAt);
  }

  /**
   * A request/response exchange: `handler` runs at `to` when the request
   * arrives; its answer (a value, or an event whose value is the answer)
   * travels back. The result succeeds with {ok: true, value}, or with
   * {ok: false, error: 'timeout'} if nothing came back within `timeout` µs.
   * A handler returns undefined to send no answer (a frozen service).
   */
  call<T>(from: string, to: string, handler: () => T | Event<T> | undefined, timeout: Micros): Event<CallOutcome<T>> {
    const waiter = new CallWaiter<T>(this.sim.event<CallOutcome<T>>());
    this.request(from, to, runHandler, handler, timeout, waiter);
    return waiter.done;
  }

  /**
   * `call` for a caller written as callbacks: `serve(payload, later)` runs
   * at `to` when the request arrives and answers as `call`'s handler does,
   * or returns LATER and calls `later.answer(value)` when it has one (a
   * parked long poll: no event object for it); the
   * caller's `answered(value)` runs in the event in which the answer
   * arrives, or `timedOut()` in the one at `timeout` µs if none did. No
   * event object, closure or outcome is allocated, and the time-out is put
   * in the queue only once the request or its answer is known to be lost or
   * late: an exchange answered in time is two events and no timer.
   */
  request<P, T>(from: string, to: string, serve: Serve<P, T>, payload: P, timeout: Micros, caller: Requester<T>): void {
    const r = new Request<P, T>(this, from, to, serve, payload, caller, this.sim.now + Math.round(timeout));
    if (!this.connected(from, to) || this.lost(from, to)) return r.armTimer();
    const arrival = this.sim.now + this.latency(from, to);
    // Arriving at or after the deadline: the time-out comes first, as with a timer started now.
    if (arrival >= r.deadline) r.armTimer();
    this.sim.at(arrival, requestArrives, r);
  }

  /** @internal The request of `r` arrives: the handler answers now, later (an event) or never. */
  _serve<P, T>(r: Request<P, T>): void {
    if (!this.connected(r.from, r.to) || !(this.hostsByName.get(r.to)?.answers(r.to) ?? false)) return r.armTimer();
    const answer = r.serve(r.payload, r);
    if (answer === undefined || answer === LATER) return r.armTimer();
    if (answer instanceof Event) {
      r.armTimer();
      answer.addCallback((ev: Event<T>) => { if (ev.ok && ev.value !== undefined) this._answer(r, ev.value); });
      return;
    }
    this._answer(r, answer);
  }

  /** @internal The answer of `r` travels back (the draws a message's send makes, even when the caller gave up). */
  _answer<P, T>(r: Request<P, T>, value: T): void {
    if (!this.connected(r.to, r.from) || this.lost(r.to, r.from)) return r.armTimer();
    const arrival = this.sim.now + this.latency(r.to, r.from);
    if (r.settled) return;
    if (arrival >= r.deadline) return r.armTimer();
    r.value = value;
    this.sim.at(arrival, answerArrives, r);
  }

  /** @internal The answer of `r` arrives: the caller has it if the link holds and it still answers. */
  _answerArrives<P, T>(r: Request<P, T>): void {
    if (r.settled) return;
    if (!this.connected(r.to, r.from) || !(this.hostsByName.get(r.from)?.answers(r.from) ?? false)) return r.armTimer();
    r.settled = true;
    if (r.timer >= 0) this.sim.cancel(r.timer);
    r.caller.answered(r.value as T);
  }

  /** @internal */
  _at(time: Micros, fn: (arg: any) => void, arg: unknown): number {
    return this.sim.at(time, fn, arg);
  }

  private lost(from: string, to: string): boolean {
    const extra = this.faultyHosts === 0 ? 0 : (this.hostsByName.get(from)?.loss ?? 0) + (this.hostsByName.get(to)?.loss ?? 0);
    const p = this.options.lossProbability + extra;
    return p > 0 && this.rng.bernoulli(p);
  }

  /** A message decided now relies on the links staying as they are until `t`: a change before then outside the fault schedule is an error. */
  private promiseQuietUntil(t: Micros): void {
    if (t > this.latestDeparture) this.latestDeparture = t;
  }

  /** A fault is changing the links: no message sent ahead may be waiting to leave after now (canSendAhead promised it). */
  private changing(what: string): void {
    if (this.latestDeparture > this.sim.now) {
      throw new Error(`network: ${what} at ${this.sim.now} µs outside the fault schedule while a message sent ahead waits to leave at ${this.latestDeparture} µs; change the network through faults`);
    }
  }

  private hostState(name: string): Host {
    let h = this.hostsByName.get(name);
    // A fault may name a host that registers later (or never): keep its settings.
    if (h === undefined) this.hostsByName.set(name, (h = { answers: () => false, answeredAt: () => false, extraUs: 0, loss: 0 }));
    return h;
  }

  private countFaultyHosts(): void {
    let n = 0;
    for (const h of this.hostsByName.values()) if (h.extraUs !== 0 || h.loss !== 0) n++;
    this.faultyHosts = n;
  }

  private cut(a: string, b: string): void {
    if (a !== b) this.cuts.add(pairKey(a, b));
  }
}

function always(): boolean {
  return true;
}

/** What `request`'s server returns for an answer it will give later through `Later.answer`. */
export const LATER: unique symbol = Symbol('answer later');

/** A request whose server answers later: `answer(value)` sends the answer back, once. */
export interface Later<T> {
  answer(value: T): void;
}

/** A request's handler at the server: the answer now, an event that brings it, LATER, or undefined (no answer ever). */
export type Serve<P, T> = (payload: P, later: Later<T>) => T | Event<T> | typeof LATER | undefined;

/** A caller of `Network.request`: told once, the answer or that none came in time. */
export interface Requester<T> {
  answered(value: T): void;
  timedOut(): void;
}

/** One `request` in flight: its route, payload, caller and deadline, in one object rather than a closure per step. */
class Request<P, T> implements Later<T> {
  /** The time-out's queue token, -1 until the request or its answer is known to be lost or late. */
  timer = -1;
  settled = false;
  /** The server gave its late answer (see `answer`). */
  private answerGiven = false;
  value: T | undefined = undefined;
  constructor(
    readonly net: Network,
    readonly from: string,
    readonly to: string,
    readonly serve: Serve<P, T>,
    readonly payload: P,
    readonly caller: Requester<T>,
    readonly deadline: Micros,
  ) {}

  /** The server's late answer (a parked request); only the first counts. */
  answer(value: T): void {
    if (this.answerGiven) return;
    this.answerGiven = true;
    this.net._answer(this, value);
  }

  /** Puts the time-out in the queue, once: nothing will answer before the deadline. */
  armTimer(): void {
    if (this.timer < 0 && !this.settled) this.timer = this.net._at(this.deadline, requestTimedOut, this);
  }
}

function requestArrives(r: Request<any, any>): void {
  r.net._serve(r);
}

function answerArrives(r: Request<any, any>): void {
  r.net._answerArrives(r);
}

function requestTimedOut(r: Request<any, any>): void {
  if (r.settled) return;
  r.settled = true;
  r.caller.timedOut();
}

/** A `Serve` whose payload is the handler itself, for callers that close over their request: `request(from, to, runHandler, () => answer, ...)`. */
export function runHandler<T>(handler: () => T | Event<T> | undefined): T | Event<T> | undefined {
  return handler();
}

const TIMED_OUT: CallOutcome<never> = { ok: false, error: 'timeout' };

/** `call`'s requester: settles the event a process waits on. */
class CallWaiter<T> implements Requester<T> {
  constructor(readonly done: Event<CallOutcome<T>>) {}
  answered(value: T): void {
    this.done.succeed({ ok: true, value });
  }
  timedOut(): void {
    this.done.succeed(TIMED_OUT);
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
