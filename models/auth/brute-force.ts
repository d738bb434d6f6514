import type { Simulation } from '../../src/kernel/simulation.js';
import { US_PER_S, type Micros } from '../../src/kernel/time.js';
import type { Credential } from './auth-gate.js';

export interface BruteForceOptions {
  /** Guesses per second (Poisson arrivals). */
  readonly ratePerS: number;
  /** The attacker's client key (an IP), as a rate limiter keys it. */
  readonly clientId: string;
  /** What it guesses: API keys, or JWTs it cannot sign. */
  readonly credential: 'api-key' | 'jwt';
}

export const DEFAULT_BRUTE_FORCE: BruteForceOptions = { ratePerS: 50, clientId: 'attacker', credential: 'api-key' };

/** Where a guess goes: the front of the service (a rate limiter, then the auth gate). */
export type GuessSink = (clientId: string, c: Credential) => void;

/**
 * A credential-stuffing client: from now until `untilUs`, Poisson guesses at
 * `ratePerS`, every one wrong (a fresh random-looking key, or a token with a
 * bad signature), each handed to `sink`. Random stream: `auth/brute-force/<clientId>`.
 * Returns how many it will have sent, counted as they go.
 */
export function startBruteForce(sim: Simulation, sink: GuessSink, untilUs: Micros, options: Partial<BruteForceOptions> = {}): { readonly sent: () => number } {
  const o = { ...DEFAULT_BRUTE_FORCE, ...options };
  if (!(o.ratePerS > 0 && Number.isFinite(o.ratePerS))) throw new Error(`brute force: ratePerS must be > 0, got ${o.ratePerS}`);
  const rng = sim.rng(`auth/brute-force/${o.clientId}`);
  let sent = 0;
  const guess = (): void => {
    sent++;
    const c: Credential = o.credential === 'api-key' ? { kind: 'api-key', key: `guess-${rng.int(0, 2 ** 30)}` }
      : { kind: 'jwt', token: { signatureValid: false, exp: sim.now / US_PER_S + 3600 } };
    sink(o.clientId, c);
    const next = sim.now + rng.exponential(US_PER_S / o.ratePerS);
    if (next <= untilUs) sim.at(Math.round(next), guess);
  };
  const first = sim.now + rng.exponential(US_PER_S / o.ratePerS);
  if (first <= untilUs) sim.at(Math.round(first), guess);
  return { sent: () => sent };
}
