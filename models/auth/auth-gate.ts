import type { Simulation } from '../../src/kernel/simulation.js';
import { checkApiKey, revokeKey, type ApiKeyStore } from './api-key.js';
import type { AuthEvents } from './auth-events.js';
import { AuthCounters, SEED_004_AUTH_ALERT_FRACTION, type AuthOutcome } from './auth-outcome.js';
import { SkewedClock } from './clock.js';
import { SEED_004_JWT, validateJwt, type JwtClaims, type JwtVerifyOptions } from './jwt.js';

/** What a request carries: an API key header, a bearer JWT, or nothing. */
export type Credential =
  | { readonly kind: 'api-key'; readonly key: string }
  | { readonly kind: 'jwt'; readonly token: JwtClaims }
  | { readonly kind: 'none' };

export interface AuthGateOptions {
  readonly apiKeys: ApiKeyStore;
  /** Default seed 004's: 10 s leeway, `exp` required. */
  readonly jwt: JwtVerifyOptions;
  /** The gate host's clock offset at start, ms (a `clock-skew` fault on the gate changes it). */
  readonly clockOffsetMs: number;
  /** Attempts counted before the failure-rate alert may fire (a single failed first request is no trend). */
  readonly alertMinAttempts: number;
  readonly alertFraction: number;
}

export const DEFAULT_AUTH_GATE: Omit<AuthGateOptions, 'apiKeys'> = {
  jwt: SEED_004_JWT, clockOffsetMs: 0, alertMinAttempts: 20, alertFraction: SEED_004_AUTH_ALERT_FRACTION,
};

/**
 * The service's authentication step, in front of everything else: a request
 * failing it is rejected at once with 401 and no processing (seed 004).
 * Counts every attempt by outcome (AUTH_ATTEMPTS) and traces the
 * HighAuthFailureRate alert condition's changes. Faults (target = name):
 * `clock-skew {offsetMs}` on the gate's own clock.
 */
export class AuthGate {
  readonly options: AuthGateOptions;
  readonly counters: AuthCounters;
  readonly clock: SkewedClock;
  private keys: ApiKeyStore;
  private alertFiring = false;

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<AuthGateOptions> & Pick<AuthGateOptions, 'apiKeys'>) {
    this.options = { ...DEFAULT_AUTH_GATE, ...options };
    if (!(this.options.jwt.leewayS >= 0)) throw new Error(`auth gate ${name}: jwt.leewayS must be >= 0, got ${this.options.jwt.leewayS}`);
    this.keys = this.options.apiKeys;
    this.counters = new AuthCounters(sim, name);
    this.clock = new SkewedClock(sim, name, this.options.clockOffsetMs);
  }

  /** Checks a request's credential now, counts it and returns its outcome (anything but ok is a 401). */
  authenticate(c: Credential): AuthOutcome {
    const outcome = c.kind === 'api-key' ? checkApiKey(this.keys, c.key)
      : c.kind === 'jwt' ? validateJwt(c.token, this.clock.nowS(), this.options.jwt)
      : 'missing';
    this.counters.count(outcome);
    this.watchAlert();
    return outcome;
  }

  revoke(key: string): void { this.keys = revokeKey(this.keys, key); }

  private watchAlert(): void {
    const c = this.counters;
    const firing = c.total >= this.options.alertMinAttempts && c.alerting(this.options.alertFraction);
    if (firing === this.alertFiring) return;
    this.alertFiring = firing;
    this.sim.trace.typed<AuthEvents>().emit(this.name, 'auth-alert', { firing, failureRate: c.failureRate, attempts: c.total });
  }
}
