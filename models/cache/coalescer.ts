/**
 * What every coalescer (singleflight.ts, seed-coalescer.ts) and the read
 * path (cached-computation.ts) share: plain callbacks, no promises.
 */

/** Tells a computation's result exactly once: ok with the value, or failed (value: whatever error detail the caller passes, often undefined). */
export type ComputeDone<V> = (ok: boolean, value: V | undefined) => void;

/** A computation for a key; it ends by calling `done` once, now or later (e.g. routed through a GenericService). */
export type ComputeFn<V> = (key: string, done: ComputeDone<V>) => void;

/** A caller of a coalescer. */
export interface CoalescedCaller<V> {
  /** The shared outcome; `shared` is true when more than one caller took part, as Go's third return value [SF]. */
  answer(ok: boolean, value: V | undefined, shared: boolean): void;
  /**
   * Measuring only: the coalescer dropped this caller and will never
   * answer it (the seed's hang). The real waiter learns nothing; only an
   * observer counts it.
   */
  abandoned(): void;
}

/**
 * Per-key in-flight coalescing. Scope is wiring: one instance per process
 * models per-process coalescing (W workers x R replicas compute a cold key
 * up to W*R times, next-models.md 4.2); one instance handed to every
 * process models a shared coalescer (one computation in all).
 */
export interface Coalescer<V> {
  /** Runs `fn` for `key` as the leader (returns 'leader') or joins the call in flight (returns 'waiter'). */
  run(key: string, fn: ComputeFn<V>, caller: CoalescedCaller<V>): 'leader' | 'waiter';
  /** Keys with a call in flight. */
  readonly inFlightKeys: number;
}
