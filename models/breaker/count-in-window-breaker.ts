import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import type { BreakerState, TransitionOptions } from './breaker.js';
import { TimedMachine } from './timed-machine.js';

/**
 * The seed document's "open after 5 failures in 30 s" (seed 001, Latency
 * Spikes): an absolute count of failures over a sliding time window, which
 * no mainstream library implements (next-models.md 2.2: resilience4j,
 * opossum, Polly and Hystrix use rates with minimum volumes, gobreaker and
 * pybreaker count consecutive failures). A sliding log of failure times;
 * a failure at `now` opens the breaker when the log holds `failureThreshold`
 * failures in (now - windowMs, now].
 *
 * The seed says nothing of how long the breaker stays open or how it
 * probes; its state diagram shows open -timeout-> half-open, one success
 * closes, a failure re-opens. Chosen defaults:
 * - `openMs` 60 s: the shipped default of resilience4j
 *   (waitDurationInOpenState), gobreaker (Timeout) and pybreaker
 *   (reset_timeout) alike, and next-models.md 2.3's ASSUMPTION for the
 *   seeds' Python services; opossum's 30 s is the outlier.
 * - `halfOpenMaxCalls` 1: a single probe, as the diagram draws it and as
 *   opossum, gobreaker, pybreaker, Polly and Hystrix do (resilience4j's 10 is
 *   the outlier); the same number of successes closes.
 * Open -> half-open is a timer, exactly `openMs` after opening. The log is
 * cleared when the breaker closes; outcomes of calls begun before the
 * current state began (by `now - durationUs`) are ignored, so a straggler
 * from before the trip cannot close a half-open breaker.
 */
export interface CountInWindowOptions extends TransitionOptions {
  /** Failures within the window that open the breaker. */
  readonly failureThreshold: number;
  /** The sliding window the failures are counted in. */
  readonly windowMs: number;
  /** Time open before the probe. */
  readonly openMs: number;
  /** Trial calls admitted per half-open spell, and the successes that close it. */
  readonly halfOpenMaxCalls: number;
}

export const COUNT_IN_WINDOW_DEFAULTS: CountInWindowOptions = { failureThreshold: 5, windowMs: 30_000, openMs: 60_000, halfOpenMaxCalls: 1 };

export class CountInWindowBreaker extends TimedMachine {
  readonly kind = 'count-in-window';
  readonly options: CountInWindowOptions;
  private readonly windowUs: Micros;
  private readonly openUs: Micros;
  /** Failure times, oldest first, from `first` on (a queue without shifting). */
  private log: Micros[] = [];
  private first = 0;
  private stateSinceUs: Micros;
  private trialsLeft = 0;
  private trialSuccesses = 0;

  constructor(options: Partial<CountInWindowOptions> = {}, createdAtUs: Micros = 0) {
    const o = { ...COUNT_IN_WINDOW_DEFAULTS, ...options };
    if (!(Number.isInteger(o.failureThreshold) && o.failureThreshold >= 1)) throw new Error(`count-in-window breaker: failureThreshold must be an integer >= 1, got ${o.failureThreshold}`);
    if (!(Number.isInteger(o.halfOpenMaxCalls) && o.halfOpenMaxCalls >= 1)) throw new Error(`count-in-window breaker: halfOpenMaxCalls must be an integer >= 1, got ${o.halfOpenMaxCalls}`);
    if (!(o.windowMs > 0 && o.openMs >= 0)) throw new Error(`count-in-window breaker: windowMs must be > 0 and openMs >= 0`);
    super(o.onTransition);
    this.options = o;
    this.windowUs = Math.round(o.windowMs * US_PER_MS);
    this.openUs = Math.round(o.openMs * US_PER_MS);
    this.stateSinceUs = createdAtUs;
  }

  /** Failures in (now - windowMs, now]. */
  failuresInWindow(now: Micros): number {
    this.sync(now);
    this.evict(now);
    return this.log.length - this.first;
  }

  nextTimedTransitionAt(): Micros | null {
    return this.current === 'open' ? this.stateSinceUs + this.openUs : null;
  }

  protected fireTimed(atUs: Micros): void {
    this.trialsLeft = this.options.halfOpenMaxCalls;
    this.trialSuccesses = 0;
    this.enter('half-open', atUs, `open for ${this.options.openMs} ms`);
  }

  protected acquire(_now: Micros): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open' || this.trialsLeft === 0) return false;
    this.trialsLeft--;
    return true;
  }

  protected succeeded(now: Micros, durationUs: Micros): void {
    if (this.current !== 'half-open' || now - durationUs < this.stateSinceUs) return;
    if (++this.trialSuccesses >= this.options.halfOpenMaxCalls) {
      this.log = [];
      this.first = 0;
      this.enter('closed', now, `${this.trialSuccesses} trial call(s) succeeded`);
    }
  }

  protected failed(now: Micros, durationUs: Micros): void {
    if (this.current === 'open' || now - durationUs < this.stateSinceUs) return;
    if (this.current === 'half-open') return this.enter('open', now, 'trial call failed');
    this.log.push(now);
    this.evict(now);
    const n = this.log.length - this.first;
    if (n >= this.options.failureThreshold) this.enter('open', now, `${n} failures in ${this.options.windowMs} ms`);
  }

  /** A trial call that must not count gives its slot back (never more slots than the spell began with). */
  protected released(_now: Micros): void {
    if (this.current === 'half-open') this.trialsLeft = Math.min(this.trialsLeft + 1, this.options.halfOpenMaxCalls);
  }

  /** Drops failures at or before now - window; compacts the array once the dead prefix is half of it. */
  private evict(now: Micros): void {
    const log = this.log;
    while (this.first < log.length && log[this.first]! <= now - this.windowUs) this.first++;
    if (this.first > 64 && this.first * 2 > log.length) {
      this.log = log.slice(this.first);
      this.first = 0;
    }
  }

  private enter(to: BreakerState, now: Micros, reason: string): void {
    this.stateSinceUs = now;
    this.moveTo(to, now, reason);
  }
}
