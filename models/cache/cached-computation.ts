import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import type { CoalescedCaller, Coalescer, ComputeDone, ComputeFn } from './coalescer.js';
import { earlyRefreshRule, type EarlyExpiryMode } from './early-expiry.js';
import type { CacheEntry, CacheStore } from './ttl-store.js';

export interface CachedComputationOptions {
  /** Lifetime of a stored value. */
  readonly ttlMs: number;
  /** Early refresh on a hit: none, the seed's linear rule, or XFetch (early-expiry.ts). */
  readonly earlyExpiry: EarlyExpiryMode;
  /** XFetch's beta: > 1 refreshes earlier, < 1 later [XFETCH]. */
  readonly beta: number;
}

export const DEFAULT_CACHED_COMPUTATION: CachedComputationOptions = { ttlMs: 300_000, earlyExpiry: 'none', beta: 1 };

/** How a read was answered: from the cache, by its own computation, or by joining another's. */
export type ReadPath = 'hit' | 'computed' | 'joined';

/** The reader's answer: the value, or a failure (the value then is the computation's error detail). */
export type ReadAnswer<V> = (ok: boolean, value: V | undefined) => void;

/**
 * One process's read path for a computed value behind a cache: read the
 * key; a hit answers at once (and may start a background refresh per the
 * early-expiry mode while the old value is served); a miss computes
 * through the coalescer, or directly when there is none, and the
 * computation's result is stored with the TTL and its duration (XFetch's
 * delta). The cache is `store` (shared by the processes that share it);
 * `compute` is the caller's (route it to a GenericService for CPU, memory
 * and OOM). Coalescing scope is wiring (coalesce-wiring.ts): null, one
 * coalescer per process, or one for all. Measuring: the counters below and
 * the hooks; nothing is traced here.
 */
export class CachedComputation<V> {
  readonly options: CachedComputationOptions;
  hits = 0;
  misses = 0;
  /** Computations started by this process (early refreshes included). */
  computations = 0;
  computationsFailed = 0;
  /** Computations of this process running now, and the most at once. */
  inFlight = 0;
  peakInFlight = 0;
  /** Reads that joined another caller's computation, over the run. */
  waiters = 0;
  /** Joined reads not answered yet (hung ones included: they wait for ever). */
  waitingNow = 0;
  /** Joined reads the coalescer dropped without an answer (seed-coalescer.ts 'hang-waiters'). */
  hungWaiters = 0;
  /** Hits whose early-expiry draw asked for a background refresh. */
  earlyRefreshes = 0;
  /** A computation started (key). */
  readonly started = new Hooks<string>();
  /** A computation ended (key, ok). */
  readonly finished = new Hooks<string, boolean>();
  /** A read was answered (path, ok). */
  readonly answered = new Hooks<ReadPath, boolean>();
  private readonly ttl: Micros;
  private readonly rule: ReturnType<typeof earlyRefreshRule>;
  private readonly rng: RandomStream;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    private readonly store: CacheStore<V>,
    private readonly computeFn: ComputeFn<V>,
    private readonly coalescer: Coalescer<V> | null,
    options: Partial<CachedComputationOptions> = {},
  ) {
    this.options = { ...DEFAULT_CACHED_COMPUTATION, ...options };
    const o = this.options;
    if (!(o.ttlMs > 0 && Number.isFinite(o.ttlMs))) throw new Error(`cache ${name}: ttlMs must be finite and > 0, got ${o.ttlMs}`);
    if (!(o.beta > 0 && Number.isFinite(o.beta))) throw new Error(`cache ${name}: beta must be finite and > 0, got ${o.beta}`);
    this.ttl = ms(o.ttlMs);
    this.rule = earlyRefreshRule(o.earlyExpiry);
    this.rng = sim.rng(`cache/${name}`);
  }

  /** Reads `key` now; `answer` is called once, now (hit) or when a computation ends (never, if hung). */
  read(key: string, answer: ReadAnswer<V>): void {
    this.store.lookup(key, this.sim.now, (entry) => this.looked(key, entry, answer));
  }

  /** The cache answered (at once, or a round trip later for a remote cache). */
  private looked(key: string, entry: CacheEntry<V> | undefined, answer: ReadAnswer<V>): void {
    const now = this.sim.now;
    if (entry === undefined) {
      this.misses++;
      this.fetch(key, answer);
      return;
    }
    this.hits++;
    if (this.rule(now, entry.expiresAt, this.ttl, entry.deltaUs, this.options.beta, this.rng)) {
      this.earlyRefreshes++;
      this.fetch(key, null);
    }
    this.answered.call('hit', true);
    answer(true, entry.value);
  }

  /** Computes `key` for a reader, or in the background (`answer` null: an early refresh nobody waits for). */
  private fetch(key: string, answer: ReadAnswer<V> | null): void {
    const c = this.coalescer;
    if (c === null) {
      this.compute(key, (ok, value) => this.reply('computed', answer, ok, value));
      return;
    }
    let joined = false;
    const caller: CoalescedCaller<V> = {
      answer: (ok, value) => {
        if (joined && answer !== null) this.waitingNow--;
        this.reply(joined ? 'joined' : 'computed', answer, ok, value);
      },
      abandoned: () => { if (answer !== null) this.hungWaiters++; },
    };
    if (c.run(key, this.compute, caller) === 'waiter') {
      joined = true;
      if (answer !== null) { this.waiters++; this.waitingNow++; }
    }
  }

  private reply(path: ReadPath, answer: ReadAnswer<V> | null, ok: boolean, value: V | undefined): void {
    if (answer === null) return;
    this.answered.call(path, ok);
    answer(ok, value);
  }

  /** The caller's computation, counted, timed, and stored with the TTL when it succeeds. */
  private readonly compute: ComputeFn<V> = (key: string, done: ComputeDone<V>) => {
    const start = this.sim.now;
    this.computations++;
    if (++this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
    this.started.call(key, undefined);
    let ended = false;
    this.computeFn(key, (ok, value) => {
      if (ended) throw new Error(`cache ${this.name}: computation for key ${key} finished twice`);
      ended = true;
      this.inFlight--;
      const now = this.sim.now;
      if (ok) this.store.store(key, value as V, now - start, now, this.ttl);
      else this.computationsFailed++;
      this.finished.call(key, ok);
      done(ok, value);
    });
  };
}
