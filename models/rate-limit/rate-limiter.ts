import { US_PER_S, type Micros } from '../../src/kernel/time.js';
import { takeToken, type BucketState } from '../token-bucket/token-bucket.js';
import { ratePerS, type RateLimitOptions } from './rate-limit-options.js';

/**
 * One request's verdict: admitted, or 429 with the wait until a token is
 * there. `retryAfterS` is that wait as the `Retry-After` header carries it,
 * whole delay-seconds (RFC 9110 §10.2.3 [RFC9110], 429 from RFC 6585 §4
 * [RFC6585]), rounded up so a client that honours it finds a token;
 * `retryAfterUs` is the exact wait.
 */
export type RateDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly remaining: 0; readonly retryAfterUs: Micros; readonly retryAfterS: number };

/** µs until `tokens` refills to one whole token. */
export function waitForTokenUs(tokens: number, o: RateLimitOptions): Micros {
  return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / ratePerS(o)) * US_PER_S);
}

/**
 * The pure step: a client's bucket (undefined: never seen, so full) at
 * `now` decides one request, reusing the shared token-bucket refill
 * (models/token-bucket). Returns the bucket to keep and the verdict.
 */
export function decide(state: BucketState | undefined, o: RateLimitOptions, now: Micros): { state: BucketState; decision: RateDecision } {
  const r = takeToken(state ?? { tokens: o.burst, lastRefillUs: now }, { ratePerS: ratePerS(o), burst: o.burst }, now);
  if (r.allowed) return { state: r.state, decision: { allowed: true, remaining: Math.floor(r.state.tokens) } };
  const retryAfterUs = waitForTokenUs(r.state.tokens, o);
  return { state: r.state, decision: { allowed: false, remaining: 0, retryAfterUs, retryAfterS: Math.ceil(retryAfterUs / US_PER_S) } };
}

/**
 * Buckets keyed by client (an IP or a user id: seed 004 "Per-client
 * tracking"), in one store. Pure: no clock of its own, every call says when.
 * A bucket idle long enough to be full again is the same as none: Stripe's
 * script lets the key expire after `floor(2 × capacity / rate)` s [STRIPE];
 * `forgetIdle` drops those.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(readonly options: RateLimitOptions) {}

  decide(key: string, now: Micros): RateDecision {
    const r = decide(this.buckets.get(key), this.options, now);
    this.buckets.set(key, r.state);
    return r.decision;
  }

  /** The client's bucket as stored (undefined: none kept). */
  bucket(key: string): BucketState | undefined { return this.buckets.get(key); }

  get size(): number { return this.buckets.size; }

  /** Drops the buckets idle past Stripe's key expiry at `now`; returns how many. */
  forgetIdle(now: Micros): number {
    // 2 × capacity / rate, with the rate per minute so 250/min gives exactly 120 s, not 119.999...
    const ttlUs = Math.floor((2 * this.options.burst * 60) / this.options.ratePerMin) * US_PER_S;
    let n = 0;
    for (const [key, b] of this.buckets) if (now - b.lastRefillUs >= ttlUs) { this.buckets.delete(key); n++; }
    return n;
  }
}
