import type { Simulation } from '../../src/kernel/simulation.js';

/**
 * Why a request's credentials were accepted or not: the label of seed 004's
 * `AUTH_ATTEMPTS` counter. Every failure is a 401 (seed 004 "Invalid
 * Authentication Credentials", "JWT Token Expiration").
 * - `missing`: no credential, or a JWT without a claim the verifier requires
 *   (PyJWT's MissingRequiredClaimError [PYJWT]);
 * - `invalid-key`: an API key that was never issued;
 * - `revoked`: an API key that was issued and withdrawn;
 * - `invalid-signature`: a JWT not signed with the verifier's key;
 * - `expired`: `exp` past, beyond the leeway;
 * - `not-yet-valid`: `nbf` or `iat` in the future, beyond the leeway.
 */
export type AuthOutcome = 'ok' | 'missing' | 'invalid-key' | 'revoked' | 'invalid-signature' | 'expired' | 'not-yet-valid';

export const AUTH_OUTCOMES: readonly AuthOutcome[] = ['ok', 'missing', 'invalid-key', 'revoked', 'invalid-signature', 'expired', 'not-yet-valid'];

/** The HTTP status an outcome answers with: the request goes on (200 from here), or 401. */
export const authStatus = (o: AuthOutcome): 200 | 401 => (o === 'ok' ? 200 : 401);

/** The seed's `HighAuthFailureRate` alert fires above this fraction of failed attempts. */
export const SEED_004_AUTH_ALERT_FRACTION = 0.1;

/**
 * `AUTH_ATTEMPTS` by outcome. With a simulation, each count is mirrored in a
 * run metric named `<prefix>.auth_attempts.<outcome>`.
 */
export class AuthCounters {
  private readonly counts = new Map<AuthOutcome, number>(AUTH_OUTCOMES.map((o) => [o, 0]));

  constructor(private readonly sim?: Simulation, private readonly prefix = 'auth') {}

  count(o: AuthOutcome): void {
    this.counts.set(o, this.of(o) + 1);
    this.sim?.metrics.counter(`${this.prefix}.auth_attempts.${o}`).inc();
  }

  of(o: AuthOutcome): number { return this.counts.get(o) ?? 0; }

  get total(): number { let n = 0; for (const v of this.counts.values()) n += v; return n; }

  get failures(): number { return this.total - this.of('ok'); }

  /** Failed fraction of all attempts (0 before any). */
  get failureRate(): number { return this.total === 0 ? 0 : this.failures / this.total; }

  /** Whether the seed's HighAuthFailureRate alert condition holds (strictly above the fraction). */
  alerting(fraction = SEED_004_AUTH_ALERT_FRACTION): boolean { return this.failureRate > fraction; }

  /** Every outcome's count, in AUTH_OUTCOMES order. */
  snapshot(): Record<AuthOutcome, number> {
    return Object.fromEntries(AUTH_OUTCOMES.map((o) => [o, this.of(o)])) as Record<AuthOutcome, number>;
  }
}
