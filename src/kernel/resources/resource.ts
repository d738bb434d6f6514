import { Event, type EventHost } from '../event.js';

/**
 * A pool of `capacity` identical units taken first come, first served
 * (SimPy's `Resource`). A request that can be granted at once comes back
 * already processed, so the requesting process continues without a queue trip.
 *
 *     const req = res.request();
 *     try { yield req; ...use the unit... } finally { res.release(req); }
 */
export class Resource {
  inUse = 0;
  private readonly waiting: Event<void>[] = [];
  private head = 0;

  constructor(private readonly host: EventHost, readonly capacity: number) {}

  get queueLength(): number {
    return this.waiting.length - this.head;
  }

  request(): Event<void> {
    const req = new Event<void>(this.host);
    if (this.inUse < this.capacity && this.queueLength === 0) {
      this.inUse++;
      return req._settle(true, undefined);
    }
    this.waiting.push(req);
    return req;
  }

  /** Withdraws a request that has not been granted (its process gave up waiting). */
  cancel(req: Event<void>): void {
    const i = this.waiting.indexOf(req, this.head);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  /**
   * Gives a unit back. Given the request it came from, as SimPy's
   * `release(request)`, a request still waiting is withdrawn instead, so one
   * `finally { res.release(req) }` is right whether the process was killed
   * while holding the unit or while still in the line (a kill runs `finally`).
   */
  release(req?: Event<void>): void {
    if (req !== undefined && !req.triggered) { this.cancel(req); return; }
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) { this.waiting.splice(0, this.head); this.head = 0; }
      next.succeed();
      return;
    }
    if (this.inUse === 0) throw new Error('resource released more often than requested');
    this.inUse--;
  }
}
