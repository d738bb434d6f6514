import type { AuthOutcome } from './auth-outcome.js';

/**
 * A JWT as the verifier sees it: whether its signature checks against the
 * verifier's key, and its time claims in seconds since the epoch (NumericDate,
 * RFC 7519 §2 [RFC7519]). Payload and key are not modelled, only the
 * decisions that depend on them.
 */
export interface JwtClaims {
  readonly signatureValid: boolean;
  readonly exp?: number | undefined;
  readonly nbf?: number | undefined;
  readonly iat?: number | undefined;
}

export type TimeClaim = 'exp' | 'nbf' | 'iat';

export interface JwtVerifyOptions {
  /**
   * Seconds of clock skew tolerated on every time claim. PyJWT's default is
   * 0 [PYJWT]; seed 004 sets 10 ("Clock skew tolerance: 10 seconds").
   */
  readonly leewayS: number;
  /** Claims that must be present (PyJWT `options={"require": [...]}`; none by default). */
  readonly require: readonly TimeClaim[];
}

export const PYJWT_DEFAULTS: JwtVerifyOptions = { leewayS: 0, require: [] };
export const SEED_004_JWT: JwtVerifyOptions = { leewayS: 10, require: ['exp'] };

/**
 * PyJWT 2.x `decode` [PYJWT] (jwt/api_jwt.py): the signature first, then
 * the required claims, then `iat`, `nbf`, `exp` in that order, each against
 * the verifier's `now` as a float timestamp:
 * - `iat > now + leeway` or `nbf > now + leeway`: ImmatureSignatureError;
 * - `exp <= now - leeway` (exp cast to int first): ExpiredSignatureError.
 * So a token is accepted while `now < exp + leeway`, and from
 * `max(iat, nbf) - leeway` on. `nowS` is the verifier's own clock.
 */
export function validateJwt(token: JwtClaims | null, nowS: number, o: JwtVerifyOptions = PYJWT_DEFAULTS): AuthOutcome {
  if (token === null) return 'missing';
  if (!token.signatureValid) return 'invalid-signature';
  if (o.require.some((c) => token[c] === undefined)) return 'missing';
  if (token.iat !== undefined && token.iat > nowS + o.leewayS) return 'not-yet-valid';
  if (token.nbf !== undefined && Math.trunc(token.nbf) > nowS + o.leewayS) return 'not-yet-valid';
  if (token.exp !== undefined && Math.trunc(token.exp) <= nowS - o.leewayS) return 'expired';
  return 'ok';
}

/**
 * The claims an issuer stamps on a token made at `issuerNowS` (its own
 * clock) valid for `lifetimeS`: `iat = nbf` = now, `exp = iat + lifetime`,
 * whole seconds as PyJWT's encode writes a datetime (calendar.timegm).
 */
export function issueJwt(issuerNowS: number, lifetimeS: number): Required<JwtClaims> {
  const iat = Math.floor(issuerNowS);
  return { signatureValid: true, iat, nbf: iat, exp: iat + lifetimeS };
}

/**
 * The seconds of skew past which a fresh token is refused, derived: a
 * verifier behind the issuer by more than the leeway sees `iat`/`nbf` in the
 * future; one ahead by more than `lifetime + leeway` sees it expired. Gives
 * the issuer-minus-verifier offsets that still pass at once:
 * `minS < offset <= maxS` (seconds).
 */
export function acceptedSkewS(o: JwtVerifyOptions, lifetimeS: number): { readonly minS: number; readonly maxS: number } {
  return { minS: -(lifetimeS + o.leewayS), maxS: o.leewayS };
}
