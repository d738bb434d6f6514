/**
 * A per-client token bucket (Stripe's request rate limiter [STRIPE]): it
 * refills continuously at `ratePerMin / 60` tokens a second up to `burst`,
 * and a request takes one token.
 */
export interface RateLimitOptions {
  /** Sustained requests a minute per client (seed 004: 250). */
  readonly ratePerMin: number;
  /** Bucket capacity: requests a full bucket lets through at once (ASSUMPTION for seed 004: one minute's worth, 250). */
  readonly burst: number;
}

export const SEED_004_RATE_LIMIT: RateLimitOptions = { ratePerMin: 250, burst: 250 };

export function checkRateLimitOptions(o: RateLimitOptions, who = 'rate limit'): void {
  if (!(o.ratePerMin > 0 && Number.isFinite(o.ratePerMin))) throw new Error(`${who}: ratePerMin must be finite and > 0, got ${o.ratePerMin}`);
  if (!(o.burst >= 1 && Number.isFinite(o.burst))) throw new Error(`${who}: burst must be finite and >= 1 (one request needs one token), got ${o.burst}`);
}

export const ratePerS = (o: RateLimitOptions): number => o.ratePerMin / 60;

/**
 * The most requests a limiter admits in any window of `windowS` seconds,
 * derived: a full bucket, plus what refills meanwhile (floored: only whole
 * tokens admit). At 250/min with burst 250: 500 in a minute.
 */
export function maxAdmittedIn(o: RateLimitOptions, windowS: number): number {
  return Math.floor(o.burst + ratePerS(o) * windowS);
}
