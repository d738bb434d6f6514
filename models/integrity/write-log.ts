import type { Micros } from '../../src/kernel/time.js';
import type { StoreOp } from './table-store.js';

/**
 * Every change in commit order with its commit time: the write-ahead log
 * as archived for point-in-time recovery. Replaying it on a base backup up
 * to a target time rebuilds the database as it was then [PG-PITR].
 */
export class WriteLog {
  private readonly times: Micros[] = [];
  private readonly ops: StoreOp[] = [];
  /** `writes[i]`: inserts among records 0..i (corruptions are changes, not writes anyone made). */
  private readonly writes: number[] = [];

  append(t: Micros, op: StoreOp): void {
    const last = this.times[this.times.length - 1];
    if (last !== undefined && t < last) throw new Error(`write log: commit at ${t} before the last at ${last}`);
    this.times.push(t);
    this.ops.push(op);
    this.writes.push((this.writes[this.writes.length - 1] ?? 0) + (op.kind === 'orphan' ? 0 : 1));
  }

  get length(): number { return this.ops.length; }

  /** Index of the first record committed after `t` (binary search). */
  indexAfter(t: Micros): number {
    let lo = 0, hi = this.times.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.times[mid]! <= t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** Records committed in (from, to]. */
  countBetween(from: Micros, to: Micros): number {
    return Math.max(0, this.indexAfter(to) - this.indexAfter(from));
  }

  /** Inserts (rows written by the application, corruptions left out) among records [fromIndex, toIndex). */
  writesIn(fromIndex: number, toIndex: number): number {
    const upTo = (i: number) => (i === 0 ? 0 : this.writes[i - 1]!);
    return Math.max(0, upTo(toIndex) - upTo(fromIndex));
  }

  /** Records [fromIndex, toIndex), in order. */
  slice(fromIndex: number, toIndex: number): StoreOp[] {
    return this.ops.slice(fromIndex, toIndex);
  }


  /** Drops the records from position `i` on: the timeline after a restore starts from there. */
  truncateAt(i: number): void {
    this.times.length = i;
    this.ops.length = i;
    this.writes.length = i;
  }
}
