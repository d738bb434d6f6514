import type { Simulation } from '../../src/kernel/simulation.js';
import type { CacheEvents } from './cache-events.js';
import type { CoalescedCaller, Coalescer, ComputeFn } from './coalescer.js';

/**
 * What happens to waiters when the leader's computation fails:
 * 'share-error' (singleflight's behaviour: every waiter gets the error) or
 * 'hang-waiters' (the seed's code as written: they are never answered).
 */
export type SeedFailureMode = 'share-error' | 'hang-waiters';

interface Pending<V> {
  readonly waiters: CoalescedCaller<V>[];
}

/**
 * The seed 000-B coalescing code (next-models.md 4.2): a per-process dict
 * `pending_requests` of futures. The first request for a key creates the
 * future and computes; later ones await it. `finally` deletes the key, but
 * only the success path resolves the future, so when the computation
 * raises, the leader gets the exception and every waiter awaits for ever
 * (no timeout, no error): failureMode 'hang-waiters'. 'share-error' is the
 * fixed code (set_exception before the delete). Success shares the value
 * as singleflight does. No forget: the seed has none.
 * Scope: one instance per process, as the seed has it (a module-level dict
 * in each uvicorn worker); a shared instance models a cross-process lock.
 */
export class SeedCoalescer<V> implements Coalescer<V> {
  /** Waiters dropped without an answer, over the run. */
  hungWaiters = 0;
  private readonly pending = new Map<string, Pending<V>>();

  constructor(private readonly sim: Simulation, readonly name: string, readonly failureMode: SeedFailureMode) {}

  run(key: string, fn: ComputeFn<V>, caller: CoalescedCaller<V>): 'leader' | 'waiter' {
    const existing = this.pending.get(key);
    if (existing !== undefined) {
      existing.waiters.push(caller);
      return 'waiter';
    }
    const entry: Pending<V> = { waiters: [] };
    this.pending.set(key, entry);
    let finished = false;
    fn(key, (ok, value) => {
      if (finished) throw new Error(`seed coalescer ${this.name}: computation for key ${key} finished twice`);
      finished = true;
      this.finish(key, entry, caller, ok, value);
    });
    return 'leader';
  }

  get inFlightKeys(): number {
    return this.pending.size;
  }

  private finish(key: string, entry: Pending<V>, leader: CoalescedCaller<V>, ok: boolean, value: V | undefined): void {
    // `finally: del pending_requests[key]` runs on both paths.
    if (this.pending.get(key) === entry) this.pending.delete(key);
    const shared = entry.waiters.length > 0;
    leader.answer(ok, value, shared);
    if (!ok && this.failureMode === 'hang-waiters') {
      this.hungWaiters += entry.waiters.length;
      if (entry.waiters.length > 0) this.sim.trace.typed<CacheEvents>().emit(this.name, 'waiters-hung', { key, waiters: entry.waiters.length });
      for (const w of entry.waiters) w.abandoned();
      return;
    }
    for (const w of entry.waiters) w.answer(ok, value, shared);
  }
}
