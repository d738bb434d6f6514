/**
 * A token bucket kept in one Redis string "tokens:lastRefillUs", refilled
 * continuously at `ratePerS` up to `burst` (Stripe's rate limiter). The
 * API reads, computes and writes it back in two round trips, not atomically,
 * as a GET/SET implementation does: concurrent requests of one client can
 * both take the last token.
 */
export interface TokenBucketOptions {
  readonly ratePerS: number;
  readonly burst: number;
}

export interface BucketState {
  readonly tokens: number;
  readonly lastRefillUs: number;
}

export function parseBucket(value: string | number | null, burst: number, now: number): BucketState {
  if (typeof value !== 'string') return { tokens: burst, lastRefillUs: now };
  const [t, at] = value.split(':');
  return { tokens: Number(t), lastRefillUs: Number(at) };
}

/** Refills and tries to take one token; returns the new state and whether a token was taken. */
export function takeToken(state: BucketState, o: TokenBucketOptions, now: number): { state: BucketState; allowed: boolean } {
  const refilled = Math.min(o.burst, state.tokens + ((now - state.lastRefillUs) / 1e6) * o.ratePerS);
  if (refilled < 1) return { state: { tokens: refilled, lastRefillUs: now }, allowed: false };
  return { state: { tokens: refilled - 1, lastRefillUs: now }, allowed: true };
}

export function formatBucket(s: BucketState): string {
  return `${s.tokens.toFixed(6)}:${s.lastRefillUs}`;
}
