import type { Micros } from '../../src/scenario/index.js';
import type { Credential } from '../../models/auth/auth-gate.js';

/**
 * What the API answers. 0 is no answer at all: the client's own timeout
 * ran out, or the connection was reset when its pod died.
 */
export type Status = 0 | 200 | 401 | 422 | 429 | 500 | 503 | 504;

/** A server-side failure for the SLO: 5xx, or no answer (4xx are the client's). */
export const isServerError = (s: Status): boolean => s === 0 || s >= 500;

/** One HTTP request to the firewall API, from its client's side. */
export interface ApiRequest {
  readonly client: string;
  readonly credential: Credential;
  /** A legitimate client's request (not the attacker's). */
  readonly legit: boolean;
  /** It needs the external API (a policy lookup). */
  readonly external: boolean;
  /** Its payload fails validation (a client's bug): answered 422. */
  readonly badPayload: boolean;
  readonly sentAt: Micros;
  /** Called exactly once by whoever answers first; `retryAfterUs` comes with 429 and 503. */
  answer(status: Status, retryAfterUs: Micros): void;
}
