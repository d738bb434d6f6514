import type { RandomStream } from '../../src/kernel/rng.js';

/**
 * Early expiration: on a cache hit, decide whether this reader should
 * recompute the value before it expires, so that one reader refreshes it
 * while the others keep serving the old value and no stampede forms at
 * expiry. Pure: every function takes the times in one unit (µs in the
 * simulator) and draws exactly one uniform per decision, whatever the
 * outcome, so a stream's use does not depend on the cache's state.
 */
export type EarlyExpiryMode = 'none' | 'linear' | 'xfetch';

/** The draw source: any RandomStream (tests may pass a stub with a fixed `next`). */
export type UniformSource = Pick<RandomStream, 'next'>;

/** The seed 000-B rule's window: the last 10 % of the TTL (next-models.md 4.3). */
export const LINEAR_WINDOW_FRACTION = 0.1;

/**
 * The seed's linear rule (next-models.md 4.3): no refresh while the
 * remaining time r exceeds 10 % of the TTL; inside that window refresh
 * with probability 1 - r / (0.1 * ttl), which reaches 1 at expiry.
 * `delta` and `beta` are unused: the rule ignores the recompute's cost,
 * which is why it always refreshes about 10 % of the TTL early.
 */
export function linearEarlyRefresh(now: number, expiresAt: number, ttl: number, _delta: number, _beta: number, rng: UniformSource): boolean {
  const u = rng.next();
  const window = LINEAR_WINDOW_FRACTION * ttl;
  const remaining = expiresAt - now;
  if (remaining > window) return false;
  return u < 1 - remaining / window;
}

/**
 * XFetch [XFETCH] (semantics.md 7.1): refresh when
 * now - delta * beta * ln(rand) >= expiresAt, rand in (0, 1], so the
 * per-read probability is exp(-r / (beta * delta)) with r the time left.
 * `delta` is the last recomputation's duration: costly values start
 * refreshing earlier. `ttl` is unused (the rule does not depend on it).
 */
export function xfetchEarlyRefresh(now: number, expiresAt: number, _ttl: number, delta: number, beta: number, rng: UniformSource): boolean {
  // RandomStream.next() is in [0, 1); 1 - u is in (0, 1], the paper's rand(), so ln never sees 0.
  const rand = 1 - rng.next();
  return now - delta * beta * Math.log(rand) >= expiresAt;
}

/** No early refresh: the entry is served until it expires. Draws nothing (there is no decision). */
export function noEarlyRefresh(): boolean {
  return false;
}

/** The rule for a mode, with the common signature. */
export function earlyRefreshRule(mode: EarlyExpiryMode): typeof xfetchEarlyRefresh {
  if (mode === 'linear') return linearEarlyRefresh;
  if (mode === 'xfetch') return xfetchEarlyRefresh;
  return noEarlyRefresh;
}
