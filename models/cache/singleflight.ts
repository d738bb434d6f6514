import type { CoalescedCaller, Coalescer, ComputeFn } from './coalescer.js';

/** One execution in flight: golang.org/x/sync singleflight's `call`. */
interface Call<V> {
  readonly callers: CoalescedCaller<V>[];
  finished: boolean;
}

/**
 * Per-key in-flight coalescing as golang.org/x/sync/singleflight [SF]
 * (singleflight.go `Group.Do`, `doCall`, `Forget`):
 * - the first caller for a key (the leader) runs the computation; callers
 *   arriving while it runs wait and get the same value AND the same error;
 * - no caching: the key leaves the map when the computation ends, so the
 *   next call computes again;
 * - `forget(key)` drops the in-flight entry: later calls start a new
 *   execution, callers already waiting still get the old one's result,
 *   and the old one's completion deletes the entry only if it is still its
 *   own (`if g.m[key] == c { delete(g.m, key) }`).
 * Go answers every participant when `c.wg.Done()` releases them; here the
 * leader is answered first, then the waiters in arrival order.
 */
export class Singleflight<V> implements Coalescer<V> {
  private readonly calls = new Map<string, Call<V>>();

  run(key: string, fn: ComputeFn<V>, caller: CoalescedCaller<V>): 'leader' | 'waiter' {
    const existing = this.calls.get(key);
    if (existing !== undefined) {
      existing.callers.push(caller);
      return 'waiter';
    }
    const call: Call<V> = { callers: [caller], finished: false };
    this.calls.set(key, call);
    fn(key, (ok, value) => this.finish(key, call, ok, value));
    return 'leader';
  }

  /** Drops the key's in-flight call: the next `run` for it starts a new execution [SF] `Forget`. */
  forget(key: string): void {
    this.calls.delete(key);
  }

  get inFlightKeys(): number {
    return this.calls.size;
  }

  private finish(key: string, call: Call<V>, ok: boolean, value: V | undefined): void {
    // A second `done` is a wiring bug (Go's fn returns once); failing loud beats answering twice.
    if (call.finished) throw new Error(`singleflight: computation for key ${key} finished twice`);
    call.finished = true;
    if (this.calls.get(key) === call) this.calls.delete(key);
    const shared = call.callers.length > 1;
    for (const c of call.callers) c.answer(ok, value, shared);
  }
}
