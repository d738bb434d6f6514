import type { Simulation } from '../../src/kernel/simulation.js';
import type { Compartment } from './outcome.js';
import { SemaphoreBulkhead } from './semaphore-bulkhead.js';
import { ThreadPoolBulkhead } from './thread-pool-bulkhead.js';

/**
 * Seed 001's "Bulkhead Pattern" figure: an API gateway with one thread pool
 * per downstream service, Users API max 50, Orders API max 100, Search API
 * max 25 ("If Search Service is slow/down: only Thread Pool C is
 * exhausted").
 */
export const SEED_001_GATEWAY_POOLS: Readonly<Record<string, number>> = Object.freeze({ users: 50, orders: 100, search: 25 });

export interface GatewayPoolsOptions {
  /** Each downstream's pool size, by name (SEED_001_GATEWAY_POOLS for the seed's figure). */
  readonly pools: Readonly<Record<string, number>>;
  /**
   * true: no bulkheads, one pool of the summed size (175 for the seed) that
   * every downstream draws from, so one slow downstream can take all of it.
   */
  readonly shared?: boolean;
  /**
   * 'thread-pool' (the seed draws thread pools): a ThreadPoolBulkhead with
   * core = max = the figure, a fixed pool as the seed's single "Max" reads;
   * 'semaphore': a SemaphoreBulkhead of that many permits.
   */
  readonly kind?: 'thread-pool' | 'semaphore';
  /** Thread pools' queueCapacity. Default 0: at most "Max" calls, the next is rejected (the seed names no queue). */
  readonly queueCapacity?: number;
  /** Semaphores' maxWaitMs (default 0, resilience4j's). */
  readonly maxWaitMs?: number;
  /** Quiet time that closes a rejection episode in the trace. */
  readonly episodeQuietMs?: number;
}

/** One downstream's view: its calls inside and turned away, whichever pool they drew from. */
export interface Lane {
  readonly name: string;
  readonly compartment: Compartment;
  admitted: number;
  rejected: number;
  inside: number;
  peakInside: number;
}

/** A call between `call` and its callback (pooled: none allocated in steady state). */
interface GatewayCall {
  lane: Lane;
  onEnter: (arg: any) => void;
  onReject: (error: string, arg: any) => void;
  arg: unknown;
}

/**
 * The gateway's bulkheads, keyed by downstream name: `call` enters the
 * downstream's compartment, `done` leaves it. With `shared` every name maps
 * to the one shared compartment, named "<gateway>/shared".
 */
export class GatewayPools {
  readonly shared: boolean;
  private readonly lanes = new Map<string, Lane>();
  private readonly free: GatewayCall[] = [];
  private readonly entered = (c: GatewayCall) => this.settle(c, null);
  private readonly turnedAway = (error: string, c: GatewayCall) => this.settle(c, error);

  constructor(sim: Simulation, readonly name: string, options: GatewayPoolsOptions) {
    const names = Object.keys(options.pools);
    if (names.length === 0) throw new Error(`gateway ${name}: no downstream pools`);
    this.shared = options.shared ?? false;
    const make = (label: string, size: number): Compartment => {
      if (!(Number.isInteger(size) && size >= 1)) throw new Error(`gateway ${name}: pool ${label} must be a positive integer, got ${size}`);
      const quiet = options.episodeQuietMs === undefined ? {} : { episodeQuietMs: options.episodeQuietMs };
      if ((options.kind ?? 'thread-pool') === 'semaphore') return new SemaphoreBulkhead(sim, `${name}/${label}`, { maxConcurrentCalls: size, maxWaitMs: options.maxWaitMs ?? 0, ...quiet });
      return new ThreadPoolBulkhead(sim, `${name}/${label}`, { coreThreadPoolSize: size, maxThreadPoolSize: size, queueCapacity: options.queueCapacity ?? 0, ...quiet });
    };
    const one = this.shared ? make('shared', names.reduce((sum, n) => sum + options.pools[n]!, 0)) : null;
    for (const n of names) {
      const compartment = one ?? make(n, options.pools[n]!);
      this.lanes.set(n, { name: n, compartment, admitted: 0, rejected: 0, inside: 0, peakInside: 0 });
    }
  }

  /** The downstream's lane (counters and compartment); throws for an unknown name. */
  lane(downstream: string): Lane {
    const lane = this.lanes.get(downstream);
    if (lane === undefined) throw new Error(`gateway ${this.name}: no pool for downstream '${downstream}'`);
    return lane;
  }

  get downstreams(): string[] {
    return [...this.lanes.keys()];
  }

  /** Enters `downstream`'s compartment: `onEnter(arg)` or `onReject(BulkheadFullException message, arg)`, once. */
  call<A>(downstream: string, onEnter: (arg: A) => void, onReject: (error: string, arg: A) => void, arg: A): void {
    const lane = this.lane(downstream);
    const c = this.free.pop() ?? { lane, onEnter, onReject, arg };
    c.lane = lane;
    c.onEnter = onEnter;
    c.onReject = onReject;
    c.arg = arg;
    lane.compartment.enter(this.entered, this.turnedAway, c);
  }

  /** The call's work on `downstream` is over: its permit or thread goes back. */
  done(downstream: string): void {
    const lane = this.lane(downstream);
    if (lane.inside === 0) throw new Error(`gateway ${this.name}: done('${downstream}') without a call inside`);
    lane.inside--;
    lane.compartment.exit();
  }

  private settle(c: GatewayCall, error: string | null): void {
    const { lane, onEnter, onReject, arg } = c;
    c.arg = undefined;
    this.free.push(c);
    if (error === null) {
      lane.admitted++;
      if (++lane.inside > lane.peakInside) lane.peakInside = lane.inside;
      onEnter(arg);
    } else {
      lane.rejected++;
      onReject(error, arg);
    }
  }
}
