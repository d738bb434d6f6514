import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, US_PER_MS, US_PER_S, type Micros } from '../../src/kernel/time.js';
import type { AuthEvents } from './auth-events.js';
import type { AuthGate } from './auth-gate.js';
import type { AuthOutcome } from './auth-outcome.js';
import { SkewedClock } from './clock.js';
import { issueJwt, type JwtClaims } from './jwt.js';

/**
 * - `proactive`: refresh `refreshBeforeS` before the token ends, by the
 *   client's own clock, and also after a 401 "expired" (a fallback);
 * - `on-401`: keep the token until the server refuses it as expired, then
 *   refresh and resend once (seed 004: "Client handles token refresh").
 */
export type RefreshMode = 'proactive' | 'on-401';

/**
 * Who stamps the time claims: `issuer`, an auth server whose clock is true
 * time plus `issuerClockOffsetMs` (OAuth access tokens); `client`, the client
 * itself with its own, possibly skewed, clock (a self-signed assertion, a
 * service-account JWT), so its skew lands in `iat`/`nbf`/`exp`.
 */
export type TokenSigner = 'issuer' | 'client';

/** Where the client learns when its token ends: the `exp` claim read on its own clock, or `expires_in` counted from receipt (skew-proof). */
export type ExpirySource = 'exp-claim' | 'expires-in';

export interface TokenClientOptions {
  /** Token lifetime, s (ASSUMPTION: 3600, a common OAuth `expires_in`). */
  readonly tokenLifetimeS: number;
  readonly refresh: RefreshMode;
  /** proactive: how long before the end the client refreshes, s (ASSUMPTION: 60). */
  readonly refreshBeforeS: number;
  /** One round trip to the token endpoint, ms (requests wait for it). */
  readonly refreshMs: number;
  readonly signer: TokenSigner;
  readonly expiry: ExpirySource;
  /** The client host's clock offset at start, ms (a `clock-skew` fault on the client changes it). */
  readonly clockOffsetMs: number;
  readonly issuerClockOffsetMs: number;
}

export const DEFAULT_TOKEN_CLIENT: TokenClientOptions = {
  tokenLifetimeS: 3600, refresh: 'proactive', refreshBeforeS: 60, refreshMs: 100,
  signer: 'issuer', expiry: 'exp-claim', clockOffsetMs: 0, issuerClockOffsetMs: 0,
};

type Done = (o: AuthOutcome) => void;

/**
 * A client holding a bearer JWT for `gate`. Requests sent while it has no
 * token wait for the refresh in flight. A 401 "expired" makes it refresh
 * and resend that request once; other 401s are final. Faults (target =
 * name): `clock-skew {offsetMs}`.
 */
export class TokenClient {
  readonly options: TokenClientOptions;
  readonly clock: SkewedClock;
  token: JwtClaims | null = null;
  sent = 0;
  /** Requests that ended accepted, including those accepted on their resend. */
  succeeded = 0;
  /** 401 answers seen, resends included, by outcome. */
  readonly rejected = new Map<AuthOutcome, number>();
  /** Requests that ended refused (after the one resend, if any). */
  failed = 0;
  refreshes = 0;
  private refreshing = false;
  private waiting: { done: Done | undefined; resend: boolean }[] = [];
  private timer = -1;
  private stopped = false;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly gate: AuthGate, options: Partial<TokenClientOptions> = {}) {
    this.options = { ...DEFAULT_TOKEN_CLIENT, ...options };
    const o = this.options;
    if (!(o.tokenLifetimeS > 0 && o.refreshBeforeS >= 0 && o.refreshBeforeS < o.tokenLifetimeS)) throw new Error(`token client ${name}: need 0 <= refreshBeforeS < tokenLifetimeS, got ${o.refreshBeforeS} and ${o.tokenLifetimeS}`);
    if (!(o.refreshMs >= 0)) throw new Error(`token client ${name}: refreshMs must be >= 0, got ${o.refreshMs}`);
    this.clock = new SkewedClock(sim, name, o.clockOffsetMs);
    this.startRefresh('initial');
  }

  /** Sends one request now (or once a token is at hand); `done` gets its final outcome. */
  send(done?: Done): void {
    this.sent++;
    this.attempt(done, false);
  }

  /** Sends a request every `intervalMs` from now until `untilUs` (true time). */
  sendEvery(intervalMs: number, untilUs: Micros): void {
    if (!(intervalMs > 0)) throw new Error(`token client ${this.name}: intervalMs must be > 0, got ${intervalMs}`);
    const step = ms(intervalMs);
    const tick = (): void => { this.send(); if (this.sim.now + step <= untilUs) this.sim.schedule(step, tick); };
    tick();
  }

  /** Stops refreshing (the client goes away): a proactive client otherwise refreshes for as long as the run lasts. */
  stop(): void {
    if (this.timer >= 0) { this.sim.cancel(this.timer); this.timer = -1; }
    this.stopped = true;
  }

  private attempt(done: Done | undefined, resend: boolean): void {
    if (this.token === null || this.refreshing) { this.waiting.push({ done, resend }); return; }
    const outcome = this.gate.authenticate({ kind: 'jwt', token: this.token });
    if (outcome === 'ok') { this.succeeded++; done?.(outcome); return; }
    this.rejected.set(outcome, (this.rejected.get(outcome) ?? 0) + 1);
    this.sim.trace.typed<AuthEvents>().emit(this.name, 'auth-rejected', { outcome });
    if (outcome === 'expired' && !resend) {
      this.waiting.push({ done, resend: true });
      if (!this.refreshing) this.startRefresh('after-401');
      return;
    }
    this.failed++;
    done?.(outcome);
  }

  private startRefresh(reason: string): void {
    this.refreshing = true;
    if (this.timer >= 0) { this.sim.cancel(this.timer); this.timer = -1; }
    this.sim.schedule(ms(this.options.refreshMs), () => this.received(reason));
  }

  private received(reason: string): void {
    const o = this.options;
    const signerNowS = o.signer === 'client' ? this.clock.nowS() : (this.sim.now + o.issuerClockOffsetMs * US_PER_MS) / US_PER_S;
    const token = issueJwt(signerNowS, o.tokenLifetimeS);
    this.token = token;
    this.refreshing = false;
    this.refreshes++;
    const endsS = o.expiry === 'exp-claim' ? token.exp : this.clock.nowS() + o.tokenLifetimeS;
    this.sim.trace.typed<AuthEvents>().emit(this.name, 'token-refreshed', { reason, iatS: token.iat, expS: endsS });
    if (o.refresh === 'proactive' && !this.stopped) {
      const at = Math.max(this.sim.now, this.clock.trueTimeOfS(endsS - o.refreshBeforeS));
      this.timer = this.sim.at(at, () => { this.timer = -1; this.startRefresh('proactive'); });
    }
    const queued = this.waiting;
    this.waiting = [];
    for (const w of queued) this.attempt(w.done, w.resend);
  }
}
