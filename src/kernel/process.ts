import { Event, type EventHost } from './event.js';
import { Interrupt, Killed } from './interrupt.js';
import { badYield } from './model-error.js';
import { NORMAL, URGENT } from './priority.js';

/**
 * What a process may yield: an event to wait for, or a number of µs to sleep
 * (what `sim.sleep()` returns, so the commonest wait allocates nothing).
 */
export type Yieldable = Event<any> | number;
export type ProcessGenerator<R = unknown> = Generator<Yieldable, R, any>;

/** A process killed before its start event fired must not run (its generator is already closed). */
function start(p: Process<unknown>): void { if (p.isAlive) p._resume(undefined, true); }
function wake(p: Process<unknown>): void { p._sleepToken = -1; p._resume(undefined, true); }
function deliverInterrupt(arg: [Process<unknown>, unknown]): void { arg[0]._interruptNow(arg[1]); }

/**
 * A generator driven by the events it yields (SimPy's `Process`). A process is
 * itself an event: it succeeds with the generator's return value, so other
 * processes can `yield` it to wait for it to finish.
 */
export class Process<R = unknown> extends Event<R> {
  /** @internal */ _sleepToken = -1;
  private target: Event<any> | null = null;
  private readonly onTarget = (ev: Event<any>) => { this.target = null; this._resume(ev, ev.ok); };

  constructor(host: EventHost, private readonly gen: ProcessGenerator<R>, readonly name = 'process') {
    super(host);
    host.queue.push(host.now, URGENT, start, this);
  }

  get isAlive(): boolean { return !this.triggered; }

  /** Throws an `Interrupt` into the process at the current instant, before ordinary events. */
  interrupt(cause?: unknown): void {
    if (!this.isAlive) return;
    this.host.queue.push(this.host.now, URGENT, deliverInterrupt, [this, cause]);
  }

  /** Ends the process at once without running its `catch` blocks' waits (a crash). */
  kill(reason = 'killed'): void {
    if (!this.isAlive) return;
    this.detach();
    try { this.gen.return(undefined as R); } catch { /* a finally block threw while dying: the process is gone either way */ }
    this.defused = true;
    this.fail(new Killed(reason));
  }

  /** @internal */
  _interruptNow(cause: unknown): void {
    if (!this.isAlive) return;
    this.detach();
    this.step(false, new Interrupt(cause));
  }

  /** @internal Resumes with the outcome of the event it waited for. */
  _resume(ev: Event<any> | undefined, ok: boolean): void {
    if (ev === undefined) { this.step(true, undefined); return; }
    if (!ok) ev.defused = true;
    this.step(ok, ok ? ev.value : ev.error);
  }

  private step(ok: boolean, input: unknown): void {
    for (;;) {
      let next: IteratorResult<Yieldable, R>;
      try {
        next = ok ? this.gen.next(input) : this.gen.throw(input);
      } catch (error) {
        this.fail(error, NORMAL);
        return;
      }
      if (next.done) { this.succeed(next.value); return; }
      const y = next.value;
      if (typeof y === 'number') {
        if (!(y >= 0 && y < Infinity)) { this.fail(new Error(`${this.name} yielded an invalid sleep of ${y} µs`)); return; }
        this._sleepToken = this.host.queue.push(this.host.now + Math.round(y), NORMAL, wake, this);
        return;
      }
      if (!(y instanceof Event)) { this.fail(badYield(this.name, y)); return; }
      if (y.processed) {
        ok = y.ok;
        if (!ok) y.defused = true;
        input = ok ? y.value : y.error;
        continue;
      }
      this.target = y;
      y.addCallback(this.onTarget);
      return;
    }
  }

  private detach(): void {
    if (this._sleepToken >= 0) { this.host.queue.cancel(this._sleepToken); this._sleepToken = -1; }
    if (this.target !== null) { this.target.removeCallback(this.onTarget); this.target = null; }
  }
}
