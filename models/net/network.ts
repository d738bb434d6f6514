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
}

export const DEFAULT_NETWORK: NetworkOptions = { latencyMedianMs: 0.5, latencySigma: 0.5, lossProbability: 0 };

export type CallOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: 'timeout' };

/** Decides whether a host currently answers on the network (a crashed or frozen pod does not). */
export type Reachability = (host: string) => boolean;

export class Network {
  private readonly cuts = new Set<string>();
  private readonly extraLatency = new Map<string, Micros>();
  private readonly loss = new Map<string, number>();
  private readonly reachability = new Map<string, Reachability>();
  private readonly rng: RandomStream;
  private readonly trace: TypedTrace<NetworkEvents>;

  constructor(private readonly sim: Simulation, private readonly options: NetworkOptions = DEFAULT_NETWORK) {
    this.rng = sim.rng('network');
    this.trace = sim.trace.typed<NetworkEvents>();
    // Params arrive checked against networkFaults (hosts as registered by then), defaults filled in.
    const params = (kind: NetworkFaultKind) => () => networkFaults(this.hosts)[kind];
    sim.faults.on('network', 'partition', (f) => this.partition(f.params?.['groups'] as string[][]), params('partition'));
    sim.faults.on('network', 'isolate', (f) => this.isolate(f.params?.['host'] as string), params('isolate'));
    sim.faults.on('network', 'heal', () => this.heal(), params('heal'));
    sim.faults.on('network', 'latency', (f) => this.setExtraLatency(f.params?.['host'] as string, ms(f.params?.['ms'] as number)), params('latency'));
    sim.faults.on('network', 'loss', (f) => this.loss.set(f.params?.['host'] as string, f.params?.['p'] as number), params('loss'));
  }

  /** Registers a host; `answers` says whether it currently responds. */
  addHost(name: string, answers: Reachability = () => true): void {
    this.reachability.set(name, answers);
  }

  get hosts(): string[] {
    return [...this.reachability.keys()];
  }

  partition(groups: readonly (readonly string[])[]): void {
    if (!Array.isArray(groups)) throw new Error('partition: params.groups must be a list of host lists');
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++)
        for (const a of groups[i]!) for (const b of groups[j]!) this.cut(a, b);
    this.trace.emit('network', 'partition', { groups: groups.map((g) => g.join('+')) });
  }

  isolate(host: string): void {
    for (const other of this.reachability.keys()) if (other !== host) this.cut(host, other);
    this.trace.emit('network', 'isolate', { host });
  }

  heal(): void {
    this.cuts.clear();
    this.trace.emit('network', 'heal');
  }

  setExtraLatency(host: string, delay: Micros): void {
    this.extraLatency.set(host, delay);
  }

  connected(a: string, b: string): boolean {
    return a === b || !this.cuts.has(pairKey(a, b));
  }

  /** True if `to` would receive a message sent by `from` now (ignoring random loss). */
  reachable(from: string, to: string): boolean {
    return this.connected(from, to) && (this.reachability.get(to)?.(to) ?? false);
  }

  /** One-way delay of a message from `from` to `to`, in µs. */
  latency(from: string, to: string): Micros {
    const o = this.options;
    const base = o.latencyMedianMs * 1000 * Math.exp(o.latencySigma * this.rng.normal());
    return Math.round(base + (this.extraLatency.get(from) ?? 0) + (this.extraLatency.get(to) ?? 0));
  }

  private lost(from: string, to: string): boolean {
    const p = this.options.lossProbability + (this.loss.get(from) ?? 0) + (this.loss.get(to) ?? 0);
    return p > 0 && this.rng.bernoulli(p);
  }

  /**
   * Delivers `deliver(arg)` at `to` after the link latency, unless the message
   * is lost. `notBefore` keeps a stream's messages in order (TCP): pass the
   * previous message's arrival time. Returns the arrival time, or -1 if dropped.
   */
  send<A>(from: string, to: string, deliver: (arg: A) => void, arg: A, notBefore: Micros = 0): Micros {
    if (!this.connected(from, to) || this.lost(from, to)) return -1;
    const arrival = Math.max(this.sim.now + this.latency(from, to), notBefore);
    this.sim.at(arrival, () => { if (this.reachable(from, to)) deliver(arg); });
    return arrival;
  }

  /**
   * A request/response exchange: `handler` runs at `to` when the request
   * arrives; its answer (a value, or an event whose value is the answer)
   * travels back. The result succeeds with {ok: true, value}, or with
   * {ok: false, error: 'timeout'} if nothing came back within `timeout` µs.
   * A handler returns undefined to send no answer (a frozen service).
   */
  call<T>(from: string, to: string, handler: () => T | Event<T> | undefined, timeout: Micros): Event<CallOutcome<T>> {
    const done = this.sim.event<CallOutcome<T>>();
    const timer = this.sim.schedule(timeout, () => { if (!done.triggered) done.succeed({ ok: false, error: 'timeout' }); });
    const reply = (value: T) => {
      this.send(to, from, () => {
        if (done.triggered) return;
        this.sim.cancel(timer);
        done.succeed({ ok: true, value });
      }, undefined);
    };
    this.send(from, to, () => {
      const answer = handler();
      if (answer === undefined) return;
      if (answer instanceof Event) answer.addCallback((ev) => { if (ev.ok && ev.value !== undefined) reply(ev.value as T); });
      else reply(answer);
    }, undefined);
    return done;
  }

  private cut(a: string, b: string): void {
    if (a !== b) this.cuts.add(pairKey(a, b));
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
