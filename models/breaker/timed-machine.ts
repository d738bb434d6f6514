import type { Micros } from '../../src/kernel/time.js';
import type { BreakerListener, BreakerState, BreakerTransition, ObservableBreaker, TransitionListener } from './breaker.js';

/**
 * What every breaker here shares: the current state, the listeners, and
 * the rule that time-driven transitions are applied first, at their own due
 * time, whenever any method is called with a later `now`. A subclass says
 * when its next timed transition is due and what it does; the public
 * methods catch up, then hand over to the subclass's handlers.
 *
 * Listeners hear of transitions when the method that caused them has
 * finished, so they see the machine settled (its next due time set).
 */
export abstract class TimedMachine implements ObservableBreaker {
  abstract readonly kind: string;
  protected current: BreakerState = 'closed';
  private readonly listeners: BreakerListener[] = [];
  private readonly pending: BreakerTransition[] = [];

  constructor(onTransition: TransitionListener | undefined) {
    if (onTransition) this.listeners.push({ transition: onTransition });
  }

  /** When the pending time-driven transition falls due, or null. */
  abstract nextTimedTransitionAt(): Micros | null;
  /** Applies the time-driven transition that fell due at `atUs`. */
  protected abstract fireTimed(atUs: Micros): void;
  protected abstract acquire(now: Micros): boolean;
  protected abstract succeeded(now: Micros, durationUs: Micros): void;
  protected abstract failed(now: Micros, durationUs: Micros): void;
  protected abstract released(now: Micros): void;
  /** Work a library does on every look at the breaker besides timed transitions (gobreaker's interval roll-over). */
  protected observe(_now: Micros): void {}

  addListener(listener: BreakerListener): void {
    this.listeners.push(listener);
  }

  state(now: Micros): BreakerState {
    this.sync(now);
    return this.current;
  }

  tryAcquire(now: Micros): boolean {
    this.sync(now);
    const ok = this.acquire(now);
    this.flush();
    if (!ok) for (const l of this.listeners) l.rejected?.(this.current, now);
    return ok;
  }

  onSuccess(now: Micros, durationUs: Micros): void {
    this.sync(now);
    this.succeeded(now, durationUs);
    this.flush();
  }

  onFailure(now: Micros, durationUs: Micros): void {
    this.sync(now);
    this.failed(now, durationUs);
    this.flush();
  }

  release(now: Micros): void {
    this.sync(now);
    this.released(now);
    this.flush();
  }

  /** Applies every timed transition due by `now`, each at its own due time (a chain, e.g. half-open -> open -> half-open, stays in order). */
  protected sync(now: Micros): void {
    for (let due = this.nextTimedTransitionAt(); due !== null && due <= now;) {
      this.fireTimed(due);
      const next = this.nextTimedTransitionAt();
      // A timed transition that leaves the same one due would loop forever: a bug in the subclass, said at once.
      if (next !== null && next <= due) throw new Error(`${this.kind} breaker: timed transition at ${due} left another due at ${next}`);
      due = next;
    }
    this.observe(now);
    this.flush();
  }

  /** Moves to `to`; a move to the same state is no transition (resilience4j treats it as internal). */
  protected moveTo(to: BreakerState, atUs: Micros, reason: string): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.pending.push({ from, to, atUs, reason });
  }

  /** Tells the listeners of the transitions made so far, in order. */
  protected flush(): void {
    if (this.pending.length === 0) return;
    const done = this.pending.splice(0);
    for (const t of done) for (const l of this.listeners) l.transition?.(t);
  }
}
