/**
 * The future event list: an indirect binary min-heap over typed arrays.
 *
 * Entries live in slots (time, order key, callback, argument); the heap holds
 * slot numbers, each with its time beside it (`heapTimes`) so comparisons
 * read contiguous floats, and a sift moves an int and a float instead of four
 * fields. The order key is `priority * 2^44 + sequence`: one float comparison
 * breaks a time tie in (priority, insertion) order, exact while fewer than
 * 2^44 events are ever scheduled. Cancellation is lazy: the callback is cleared and the slot
 * is skipped when it reaches the top, which keeps cancel O(1).
 */
export type Callback = (arg: any) => void;

const SLOT_SPACE = 16_777_216; // 2^24 slots; a token is gen * SLOT_SPACE + slot
const GEN_MASK = 0x0fffffff;
const PRIORITY_STRIDE = 2 ** 44;
/** Cancelled entries allowed beyond the live count before a compaction (small heaps are not worth it). */
const COMPACT_SLACK = 64;

export class EventQueue {
  private times: Float64Array;
  private keys: Float64Array;
  private gens: Uint32Array;
  private heap: Int32Array;
  /** The time of `heap[i]` at index i: comparisons read it without chasing the slot. */
  private heapTimes: Float64Array;
  private free: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private seq = 0;
  /** Callbacks by slot; null marks a cancelled or released slot. */
  readonly fns: (Callback | null)[] = [];
  readonly args: unknown[] = [];
  /** Entries in the heap, cancelled ones included. */
  size = 0;
  /** Entries that will still fire. */
  live = 0;

  /**
   * `capacity`: slots to start with; the arrays double as needed. Small by
   * default: the arrays live outside the JS heap until the next garbage
   * collection, and a sweep worker finishes thousands of small runs between
   * two collections (their 6 arrays of 1,024 slots were 40 KB a run).
   */
  constructor(capacity = 64) {
    this.times = new Float64Array(capacity);
    this.keys = new Float64Array(capacity);
    this.gens = new Uint32Array(capacity);
    this.heap = new Int32Array(capacity);
    this.heapTimes = new Float64Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** Schedules `fn(arg)` at `time`; returns a token for `cancel`. */
  push(time: number, priority: number, fn: Callback, arg: unknown): number {
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.newSlot();
    this.times[slot] = time;
    this.keys[slot] = priority * PRIORITY_STRIDE + this.seq++;
    this.fns[slot] = fn;
    this.args[slot] = arg;
    this.live++;
    this.siftUp(this.size++, slot);
    return this.gens[slot]! * SLOT_SPACE + slot;
  }

  /** Cancels a pending entry. Stale tokens (already fired or cancelled) are ignored. */
  cancel(token: number): boolean {
    const slot = token % SLOT_SPACE;
    const gen = (token - slot) / SLOT_SPACE;
    if (slot >= this.slotsUsed || this.gens[slot] !== gen || this.fns[slot] === null) return false;
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.live--;
    // Cancelled entries outnumber live ones: drop them all at once, so the
    // heap stays near its live size (a client's time-outs, mostly cancelled,
    // would otherwise make every push and pop a level or two deeper).
    if (this.size - this.live > this.live + COMPACT_SLACK) this.compact();
    return true;
  }

  /**
   * Removes every cancelled entry and rebuilds the heap by sifting the live
   * ones up in turn, O(live log live), paid for by the cancellations before
   * it. The pop order is the total order on (time, order key), which any
   * valid heap of the same entries gives: compaction changes no run.
   */
  private compact(): void {
    const heap = this.heap, fns = this.fns;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = heap[i]!;
      if (fns[slot] === null) this.release(slot);
      else heap[n++] = slot;
    }
    // Each sift reads only positions below i, which already form a heap.
    this.size = 0;
    for (let i = 0; i < n; i++) this.siftUp(this.size++, heap[i]!);
  }

  /** Time of the earliest entry, cancelled ones dropped first; Infinity when empty. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.size > 0 ? this.heapTimes[0]! : Infinity;
  }

  /**
   * Removes the earliest live entry and returns its slot; read `fns[slot]`,
   * `args[slot]` and `timeOf(slot)`, then `release(slot)`. Returns -1 when empty.
   */
  popSlot(): number {
    return this.popSlotUntil(Infinity);
  }

  /** Like `popSlot`, but leaves the queue alone (returns -1) if the earliest entry is after `until`. */
  popSlotUntil(until: number): number {
    this.dropCancelledTop();
    if (this.size === 0) return -1;
    if (this.heapTimes[0]! > until) return -1;
    const slot = this.heap[0]!;
    this.removeTop();
    this.live--;
    return slot;
  }

  timeOf(slot: number): number {
    return this.times[slot]!;
  }

  release(slot: number): void {
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.gens[slot] = (this.gens[slot]! + 1) & GEN_MASK;
    this.free[this.freeCount++] = slot;
  }

  private dropCancelledTop(): void {
    while (this.size > 0) {
      const top = this.heap[0]!;
      if (this.fns[top] !== null) return;
      this.removeTop();
      this.release(top);
    }
  }

  /**
   * Removes heap[0]. Bottom-up (Floyd): walk the hole at the root down to a
   * leaf along the smaller children (one comparison per level), then put the
   * last entry in the hole and sift it up (it usually belongs near the
   * bottom, so that costs a comparison or two). About half the comparisons
   * of a classic sift-down; the heap order, hence the pop order, is the same.
   */
  private removeTop(): void {
    const size = --this.size;
    if (size === 0) return;
    const heap = this.heap, ht = this.heapTimes, keys = this.keys;
    const last = heap[size]!;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= size) break;
      let tc = ht[child]!;
      const right = child + 1;
      if (right < size) {
        const tr = ht[right]!;
        if (tr < tc || (tr === tc && keys[heap[right]!]! < keys[heap[child]!]!)) { child = right; tc = tr; }
      }
      heap[pos] = heap[child]!;
      ht[pos] = tc;
      pos = child;
    }
    this.siftUp(pos, last);
  }

  /** Moves `slot` up from `pos` to its place; writes it there. */
  private siftUp(pos: number, slot: number): void {
    const heap = this.heap, ht = this.heapTimes, keys = this.keys;
    const t = this.times[slot]!, k = keys[slot]!;
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const tp = ht[parentPos]!;
      if (tp < t) break;
      const parent = heap[parentPos]!;
      if (tp === t && keys[parent]! < k) break;
      heap[pos] = parent;
      ht[pos] = tp;
      pos = parentPos;
    }
    heap[pos] = slot;
    ht[pos] = t;
  }

  private newSlot(): number {
    if (this.slotsUsed === this.times.length) this.grow();
    if (this.slotsUsed >= SLOT_SPACE) throw new Error('event queue: more than 2^24 pending events');
    return this.slotsUsed++;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const growF = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    const growI = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.times = growF(this.times);
    this.keys = growF(this.keys);
    const gens = new Uint32Array(cap); gens.set(this.gens); this.gens = gens;
    this.heap = growI(this.heap);
    this.heapTimes = growF(this.heapTimes);
    this.free = growI(this.free);
  }
}
