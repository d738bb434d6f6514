import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import type { BreakerState, TransitionOptions } from './breaker.js';
import { TimedMachine } from './timed-machine.js';

/**
 * A consecutive-failures breaker as gobreaker (sony/gobreaker v2/gobreaker.go,
 * v2/counter.go) and pybreaker (danielfm/pybreaker src/pybreaker/__init__.py)
 * build it: count failures in a row while closed, open when the trip rule
 * says so, stay open `openMs`, then admit a bounded number of trial calls;
 * the first trial failure re-opens, `halfOpenMaxCalls` successes close.
 *
 * Counts belong to a generation (gobreaker `toNewGeneration`): every state
 * change, and in closed state every `intervalMs` roll-over, starts a fresh
 * one with zeroed counts. gobreaker drops the outcome of a call that began in
 * an older generation (`afterRequest`: `generation != previous`); the machine
 * tells the generations apart by the call's start, `now - durationUs`, so a
 * caller must report the true duration.
 *
 * `state(now)` reports half-open from the first instant the library would
 * admit a probe (gobreaker's `State()` moves there itself; pybreaker's
 * `current_state` still says open until that probe call arrives).
 */
export interface BreakerCounts {
  requests: number;
  totalSuccesses: number;
  totalFailures: number;
  totalExclusions: number;
  consecutiveSuccesses: number;
  consecutiveFailures: number;
}

export interface ConsecutiveBreakerOptions extends TransitionOptions {
  /** Failures in a row that open the breaker (gobreaker `ConsecutiveFailures > 5`: the 6th; pybreaker `fail_max` 5: the 5th). */
  readonly failureThreshold: number;
  /** Time spent open before a trial call (gobreaker `Timeout` 0 -> 60 s; pybreaker `reset_timeout` 60). */
  readonly openMs: number;
  /** Calls admitted per half-open spell, and the successes that close it (gobreaker `MaxRequests` 0 -> 1; pybreaker `success_threshold` 1). */
  readonly halfOpenMaxCalls: number;
  /** gobreaker `Interval`: closed-state counts are cleared this often (a tumbling window); 0 = never. */
  readonly intervalMs: number;
  /** True: a call at exactly opened + openMs is the probe (pybreaker `now < opened_at + timeout` rejects); false: only after it (gobreaker `expiry.Before(now)`). */
  readonly probeAtExpiry: boolean;
  /** True: outcomes of calls begun in an older generation are ignored (gobreaker); false: they count where they land (pybreaker). */
  readonly dropStaleOutcomes: boolean;
  /** gobreaker `ReadyToTrip`, asked after each closed-state failure; replaces `failureThreshold` when given. */
  readonly readyToTrip?: (counts: Readonly<BreakerCounts>) => boolean;
}

/** sony/gobreaker v2 `NewCircuitBreaker(Settings{})`: defaultReadyToTrip, defaultTimeout, MaxRequests 0 -> 1, defaultInterval 0. */
export const GOBREAKER_DEFAULTS: ConsecutiveBreakerOptions = {
  failureThreshold: 6, openMs: 60_000, halfOpenMaxCalls: 1, intervalMs: 0, probeAtExpiry: false, dropStaleOutcomes: true,
};

/**
 * pybreaker `CircuitBreaker()`: fail_max 5, reset_timeout 60, success_threshold 1. Its sync `call()`
 * holds the breaker's RLock for the whole call, so concurrent callers queue behind the one trial
 * call instead of being rejected; one half-open call at a time is the closest a rejecting machine gets.
 */
export const PYBREAKER_DEFAULTS: ConsecutiveBreakerOptions = {
  failureThreshold: 5, openMs: 60_000, halfOpenMaxCalls: 1, intervalMs: 0, probeAtExpiry: true, dropStaleOutcomes: false,
};

function zeroCounts(): BreakerCounts {
  return { requests: 0, totalSuccesses: 0, totalFailures: 0, totalExclusions: 0, consecutiveSuccesses: 0, consecutiveFailures: 0 };
}

function checkOptions(o: ConsecutiveBreakerOptions): void {
  if (!(Number.isInteger(o.failureThreshold) && o.failureThreshold >= 1)) throw new Error(`consecutive breaker: failureThreshold must be an integer >= 1, got ${o.failureThreshold}`);
  if (!(Number.isInteger(o.halfOpenMaxCalls) && o.halfOpenMaxCalls >= 1)) throw new Error(`consecutive breaker: halfOpenMaxCalls must be an integer >= 1, got ${o.halfOpenMaxCalls}`);
  if (!(o.openMs >= 0 && o.intervalMs >= 0)) throw new Error(`consecutive breaker: openMs and intervalMs must be >= 0, got ${o.openMs}, ${o.intervalMs}`);
}

export class ConsecutiveBreaker extends TimedMachine {
  readonly kind = 'consecutive';
  readonly options: ConsecutiveBreakerOptions;
  private counts = zeroCounts();
  /** When the current generation began: outcomes of calls begun earlier are stale. */
  private generationStartUs: Micros;
  /** Open: when the open spell ends. Closed with an interval: when the counts are next cleared. */
  private expiryUs: Micros | null = null;

  constructor(options: Partial<ConsecutiveBreakerOptions> = {}, createdAtUs: Micros = 0) {
    const o = { ...GOBREAKER_DEFAULTS, ...options };
    checkOptions(o);
    super(o.onTransition);
    this.options = o;
    this.generationStartUs = createdAtUs;
    this.newGeneration(createdAtUs);
  }

  /** A copy of the current generation's counts (gobreaker `Counts()`). */
  snapshot(now: Micros): BreakerCounts {
    this.sync(now);
    return { ...this.counts };
  }

  nextTimedTransitionAt(): Micros | null {
    if (this.current !== 'open' || this.expiryUs === null) return null;
    return this.options.probeAtExpiry ? this.expiryUs : this.expiryUs + 1;
  }

  protected fireTimed(atUs: Micros): void {
    this.setState('half-open', atUs, `open for ${this.options.openMs} ms`);
  }

  /** gobreaker `currentState`, closed case: past the interval's expiry the counts start over. */
  protected override observe(now: Micros): void {
    if (this.current === 'closed' && this.expiryUs !== null && this.expiryUs < now) this.newGeneration(now);
  }

  /** gobreaker `beforeRequest`: ErrOpenState while open, ErrTooManyRequests past MaxRequests in half-open. */
  protected acquire(_now: Micros): boolean {
    if (this.current === 'open') return false;
    const valid = Math.max(0, this.counts.requests - this.counts.totalExclusions);
    if (this.current === 'half-open' && valid >= this.options.halfOpenMaxCalls) return false;
    this.counts.requests++;
    return true;
  }

  protected succeeded(now: Micros, durationUs: Micros): void {
    if (this.current === 'open' || this.isStale(now, durationUs)) return;
    const c = this.counts;
    c.totalSuccesses++;
    c.consecutiveSuccesses++;
    c.consecutiveFailures = 0;
    if (this.current === 'half-open' && c.consecutiveSuccesses >= this.options.halfOpenMaxCalls) {
      this.setState('closed', now, `${c.consecutiveSuccesses} trial call(s) succeeded`);
    }
  }

  protected failed(now: Micros, durationUs: Micros): void {
    if (this.current === 'open' || this.isStale(now, durationUs)) return;
    const c = this.counts;
    c.totalFailures++;
    c.consecutiveFailures++;
    c.consecutiveSuccesses = 0;
    if (this.current === 'half-open') return this.setState('open', now, 'trial call failed');
    if (this.readyToTrip(c)) this.setState('open', now, `${c.consecutiveFailures} consecutive failures`);
  }

  /**
   * gobreaker `onExclusion`: the call stops counting as a request, so it frees a half-open slot.
   * `release` carries no duration, so a stale exclusion cannot be told apart and counts here.
   */
  protected released(_now: Micros): void {
    if (this.current === 'open') return;
    this.counts.totalExclusions++;
  }

  private readyToTrip(c: BreakerCounts): boolean {
    const rule = this.options.readyToTrip;
    return rule ? rule({ ...c }) : c.consecutiveFailures >= this.options.failureThreshold;
  }

  private isStale(now: Micros, durationUs: Micros): boolean {
    return this.options.dropStaleOutcomes && now - durationUs < this.generationStartUs;
  }

  /** gobreaker `setState`: a new state is a new generation. */
  private setState(to: BreakerState, now: Micros, reason: string): void {
    if (this.current === to) return;
    this.moveTo(to, now, reason);
    this.newGeneration(now);
  }

  /** gobreaker `toNewGeneration`: zero the counts and set the expiry the new state runs to. */
  private newGeneration(now: Micros): void {
    this.generationStartUs = now;
    this.counts = zeroCounts();
    const o = this.options;
    if (this.current === 'open') this.expiryUs = now + Math.round(o.openMs * US_PER_MS);
    else if (this.current === 'closed' && o.intervalMs > 0) this.expiryUs = now + Math.round(o.intervalMs * US_PER_MS);
    else this.expiryUs = null;
  }
}
