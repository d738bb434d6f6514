import { ms, type Micros, type Simulation, type RandomStream } from '../../src/scenario/index.js';
import { Hooks } from '../../models/client/hooks.js';
import { fullJitterMs } from '../../models/client/backoff.js';
import { issueJwt, type JwtClaims } from '../../models/auth/jwt.js';
import type { Credential } from '../../models/auth/auth-gate.js';
import type { ApiRequest, Status } from './request.js';

/** One attempt as its client saw it: when it was sent, what came back, how long it took. */
export interface AttemptSeen {
  readonly sentAt: Micros;
  readonly status: Status;
  readonly latencyUs: Micros;
  readonly legit: boolean;
  readonly client: string;
}

export interface ClientOptions {
  readonly retries: number;
  readonly timeoutMs: number;
  readonly tokenLifetimeMs: number;
  readonly refresh: 'proactive' | 'on-401';
  readonly externalShare: number;
  /** Share of requests whose payload is invalid (a client release with a bug). */
  readonly badPayloadShare: () => number;
}

/** Refresh this long before `exp` when refreshing proactively (ASSUMPTION: one minute). */
const PROACTIVE_MARGIN_S = 60;

class Attempt implements ApiRequest {
  private done = false;
  private timer = -1;
  constructor(private readonly clients: Clients, readonly call: LogicalCall, readonly credential: Credential, readonly sentAt: Micros) {}
  get client() { return this.call.client; }
  get legit() { return this.call.legit; }
  get external() { return this.call.external; }
  get badPayload() { return this.call.badPayload; }
  arm(timeoutUs: Micros, sim: Simulation): void { this.timer = sim.schedule(timeoutUs, () => this.answer(0, 0)); }
  answer(status: Status, retryAfterUs: Micros): void {
    if (this.done) return;
    this.done = true;
    this.clients.answered(this, status, retryAfterUs, this.timer);
  }
}

interface LogicalCall {
  readonly client: string;
  readonly legit: boolean;
  readonly external: boolean;
  readonly badPayload: boolean;
  readonly startedAt: Micros;
  tries: number;
  refreshed: boolean;
  /** It was answered 429 at least once: its wait is the client's own doing. */
  throttled: boolean;
}

/**
 * The API's clients. Legitimate clients each hold a JWT from the identity
 * provider (true time) and refresh it before expiry or after a 401; they
 * retry a 5xx, a 429 or a timeout with full-jitter back-off, honouring
 * Retry-After. The attacker and a greedy client send without retrying.
 */
export class Clients {
  /** Every attempt's outcome (observers measure from here). */
  readonly attempted = new Hooks<AttemptSeen>();
  /** Every logical request's final status, with its start. */
  readonly finished = new Hooks<Status, LogicalCall>();
  private readonly tokens = new Map<string, JwtClaims>();
  private readonly rng: RandomStream;

  constructor(private readonly sim: Simulation, private readonly send: (req: ApiRequest) => void, private readonly o: ClientOptions) {
    this.rng = sim.rng('clients/behaviour');
  }

  /** A new request of client `client`. */
  request(client: string, legit = true): void {
    const call: LogicalCall = {
      client, legit, external: this.rng.next() < this.o.externalShare, badPayload: legit && this.rng.next() < this.o.badPayloadShare(),
      startedAt: this.sim.now, tries: 0, refreshed: false, throttled: false,
    };
    this.attempt(call);
  }

  /** The attacker's request with a guessed credential. */
  guess(client: string, credential: Credential): void {
    const call: LogicalCall = { client, legit: false, external: false, badPayload: false, startedAt: this.sim.now, tries: 0, refreshed: true, throttled: false };
    this.go(call, credential);
  }

  private attempt(call: LogicalCall): void {
    this.go(call, { kind: 'jwt', token: this.token(call.client) });
  }

  private go(call: LogicalCall, credential: Credential): void {
    call.tries++;
    const a = new Attempt(this, call, credential, this.sim.now);
    a.arm(ms(this.o.timeoutMs), this.sim);
    this.send(a);
  }

  /** The client's token, refreshed at the identity provider when it must be. */
  private token(client: string): JwtClaims {
    const nowS = this.sim.now / 1e6;
    let t = this.tokens.get(client);
    const stale = t === undefined || (this.o.refresh === 'proactive' && nowS >= (t.exp ?? 0) - PROACTIVE_MARGIN_S);
    if (stale) {
      t = issueJwt(nowS, this.o.tokenLifetimeMs / 1000);
      this.tokens.set(client, t);
    }
    return t!;
  }

  answered(a: Attempt, status: Status, retryAfterUs: Micros, timer: number): void {
    this.sim.cancel(timer);
    const call = a.call;
    this.attempted.call({ sentAt: a.sentAt, status, latencyUs: this.sim.now - a.sentAt, legit: call.legit, client: call.client }, undefined);
    if (!call.legit) return this.finished.call(status, call);
    if (status === 429) call.throttled = true;
    if (status === 401 && !call.refreshed) {
      // "token expired": get a new token and send again once.
      call.refreshed = true;
      this.tokens.delete(call.client);
      return this.attempt(call);
    }
    const retryable = status === 0 || status === 429 || status >= 500;
    if (!retryable || call.tries > this.o.retries) return this.finished.call(status, call);
    const backoff = ms(fullJitterMs(this.rng, call.tries - 1, 500, 10_000));
    this.sim.schedule(Math.max(backoff, retryAfterUs), () => this.attempt(call));
  }
}

export type { LogicalCall };
