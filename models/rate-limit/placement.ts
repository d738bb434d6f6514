import type { Micros } from '../../src/kernel/time.js';
import { checkRateLimitOptions, type RateLimitOptions } from './rate-limit-options.js';
import { RateLimiter, type RateDecision } from './rate-limiter.js';

/**
 * Where the buckets live:
 * - `per-pod`: each API pod counts in its own memory (slowapi's default
 *   in-memory storage [LIMITS]); a client whose requests a Service spreads
 *   over N pods meets N buckets, so gets up to N × the limit, and an HPA
 *   scale-out raises every client's limit with it;
 * - `shared`: one store all pods use (Redis, as Stripe's [STRIPE]), so the
 *   limit holds whatever the replica count.
 */
export type RateLimitPlacement = 'per-pod' | 'shared';

/** The limiters of a fleet of `pods` pods, placed as `placement` says. Pure, like RateLimiter. */
export class PlacedRateLimiter {
  private readonly limiters: RateLimiter[] = [];
  private podCount = 1;

  constructor(readonly placement: RateLimitPlacement, readonly options: RateLimitOptions, pods = 1) {
    checkRateLimitOptions(options);
    this.resize(pods);
  }

  get pods(): number { return this.podCount; }

  /** The fleet is now `pods` pods (HPA); per-pod, new pods start with empty buckets, removed pods take theirs along. */
  resize(pods: number): void {
    if (!(Number.isInteger(pods) && pods >= 1)) throw new Error(`rate limit: pods must be a whole number >= 1, got ${pods}`);
    this.podCount = pods;
    const wanted = this.placement === 'shared' ? 1 : pods;
    while (this.limiters.length < wanted) this.limiters.push(new RateLimiter(this.options));
    this.limiters.length = wanted;
  }

  /** Pod `pod` (0-based) asks about client `key`'s request at `now`. */
  decide(pod: number, key: string, now: Micros): RateDecision {
    if (!(Number.isInteger(pod) && pod >= 0 && pod < this.podCount)) throw new Error(`rate limit: pod ${pod} is not one of 0..${this.podCount - 1}`);
    return this.limiters[this.placement === 'shared' ? 0 : pod]!.decide(key, now);
  }

  /** The per-client limit a client spread over every pod meets, requests a minute: N × the limit per pod, or the limit shared. */
  effectiveRatePerMin(): number {
    return this.options.ratePerMin * (this.placement === 'shared' ? 1 : this.podCount);
  }
}
