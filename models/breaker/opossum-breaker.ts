import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import type { TransitionOptions } from './breaker.js';
import { OpossumStatus, type OpossumStats } from './opossum-status.js';
import { TimedMachine } from './timed-machine.js';

/**
 * opossum's `CircuitBreaker` (nodeshift/opossum lib/circuit.js, v10.0.0;
 * also [OPO-C]) as a state machine, without the promise plumbing:
 *
 * - every `fire()` counts as a fire, rejected ones too (`emit('fire')` comes
 *   before the open check), so rejections while open dilute the error rate
 *   the breaker sees after it closes, until they roll out of the window;
 * - open -> half-open is a timer: exactly the reset time-out (opossum's reset-timeout option) after opening;
 * - half-open admits the next single call (`pendingClose`); while it runs
 *   every other call is rejected; a success (any success, even of a call
 *   fired before the breaker opened) closes, a failure opens again;
 * - on each failure (`fail()`): skip while warming up, or below
 *   `volumeThreshold` fires unless half-open; then open if
 *   failures / fires * 100 > errorThresholdPercentage (strictly), or if
 *   half-open. With the defaults (volumeThreshold 0) a failure in a quiet
 *   window opens the breaker at once: 1 of 1 is 100 % > 50 %.
 *
 * Not modelled, for the caller: `timeout` (a timed-out call is a failure,
 * see OPOSSUM_TIMEOUT_MS), `capacity` (a full semaphore is a failure),
 * `errorFilter` (a filtered error is a success: call onSuccess), fallback.
 * `release` has no opossum counterpart; here it re-arms the half-open probe
 * and counts nothing.
 */
export interface OpossumOptions extends TransitionOptions {
  /** Open when the window's error percentage is strictly greater than this. */
  readonly errorThresholdPercentage: number;
  /** the reset time-out (opossum's reset-timeout option): time open before the half-open probe. */
  readonly resetAfterMs: number;
  /** `rollingCountTimeout`: the statistics window. */
  readonly rollingCountTimeoutMs: number;
  /** `rollingCountBuckets`: buckets the window rotates through. */
  readonly rollingCountBuckets: number;
  /** `volumeThreshold`: fires in the window before failures can open the breaker. */
  readonly volumeThreshold: number;
  /** `allowWarmUp`: no failure opens the breaker during the first rollingCountTimeout. */
  readonly allowWarmUp: boolean;
}

/** lib/circuit.js constructor defaults (`options.x ?? default`). */
export const OPOSSUM_DEFAULTS: OpossumOptions = {
  errorThresholdPercentage: 50, resetAfterMs: 30_000, rollingCountTimeoutMs: 10_000, rollingCountBuckets: 10, volumeThreshold: 0, allowWarmUp: false,
};

/** opossum's own call timeout (`options.timeout ?? 10000`): the caller's to enforce, reporting a timed-out call as a failure. */
export const OPOSSUM_TIMEOUT_MS = 10_000;

export class OpossumBreaker extends TimedMachine {
  readonly kind = 'opossum';
  readonly options: OpossumOptions;
  private readonly status: OpossumStatus;
  private readonly warmUpUntilUs: Micros;
  /** `this[PENDING_CLOSE]`: half-open and the probe not yet taken. */
  private pendingClose = false;
  private openedAtUs = 0;

  constructor(options: Partial<OpossumOptions> = {}, createdAtUs: Micros = 0) {
    const o = { ...OPOSSUM_DEFAULTS, ...options };
    if (!(o.resetAfterMs >= 0 && o.volumeThreshold >= 0)) throw new Error(`opossum breaker: resetAfterMs and volumeThreshold must be >= 0`);
    super(o.onTransition);
    this.options = o;
    this.status = new OpossumStatus(createdAtUs, o.rollingCountTimeoutMs, o.rollingCountBuckets);
    // The warm-up timer: opossum clears warmingUp with a one-shot JS timer after rollingCountTimeout.
    this.warmUpUntilUs = o.allowWarmUp ? createdAtUs + Math.round(o.rollingCountTimeoutMs * US_PER_MS) : createdAtUs;
  }

  /** The rolling window's totals (`breaker.stats`). */
  stats(now: Micros): OpossumStats {
    this.sync(now);
    return this.status.stats(now);
  }

  /** `breaker.pendingClose`: half-open with the probe still to be taken. */
  isPendingClose(now: Micros): boolean {
    this.sync(now);
    return this.pendingClose;
  }

  /** `breaker.warmUp`. */
  isWarmingUp(now: Micros): boolean {
    return now < this.warmUpUntilUs;
  }

  nextTimedTransitionAt(): Micros | null {
    return this.current === 'open' ? this.openedAtUs + Math.round(this.options.resetAfterMs * US_PER_MS) : null;
  }

  /** `_halfOpen`: the reset time-out's timer fired. */
  protected fireTimed(atUs: Micros): void {
    this.pendingClose = true;
    this.moveTo('half-open', atUs, `reset time-out ${this.options.resetAfterMs} ms elapsed`);
  }

  /** `call()`: count the fire, reject unless closed or the probe is free, take the probe. */
  protected acquire(now: Micros): boolean {
    this.status.increment(now, 'fires');
    if (this.current !== 'closed' && !this.pendingClose) {
      this.status.increment(now, 'rejects');
      return false;
    }
    this.pendingClose = false;
    return true;
  }

  /** The 'success' listeners: count it, then close if half-open. */
  protected succeeded(now: Micros, _durationUs: Micros): void {
    this.status.increment(now, 'successes');
    if (this.current === 'half-open') this.close(now, 'half-open call succeeded');
  }

  /** `fail()`. */
  protected failed(now: Micros, _durationUs: Micros): void {
    this.status.increment(now, 'failures');
    if (this.isWarmingUp(now)) return;
    const halfOpen = this.current === 'half-open';
    const stats = this.status.stats(now);
    if (stats.fires < this.options.volumeThreshold && !halfOpen) return;
    // JavaScript arithmetic on purpose: a failure whose fire has rolled out of the window gives Infinity.
    const errorRate = (stats.failures / stats.fires) * 100;
    if (errorRate > this.options.errorThresholdPercentage || halfOpen) {
      this.open(now, halfOpen ? 'half-open call failed' : `error rate ${round2(errorRate)}% > ${this.options.errorThresholdPercentage}% (${stats.failures} of ${stats.fires} fires)`);
    }
  }

  protected released(_now: Micros): void {
    if (this.current === 'half-open') this.pendingClose = true;
  }

  /** `open()`: only from another state; the 'open' listener starts the reset time-out's timer. */
  private open(now: Micros, reason: string): void {
    if (this.current === 'open') return;
    this.pendingClose = false;
    this.openedAtUs = now;
    this.moveTo('open', now, reason);
  }

  /** `close()`: clears the timer; the statistics stay. */
  private close(now: Micros, reason: string): void {
    this.pendingClose = false;
    this.moveTo('closed', now, reason);
  }
}

function round2(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 100) / 100 : x;
}
