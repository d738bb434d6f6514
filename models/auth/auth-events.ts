import type { RecordOf } from '../../src/kernel/trace-events.js';

/** Trace events of the auth models (source: the gate's or the client's name). */
export type AuthEvents = {
  /** A `clock-skew` fault moved this party's clock: `offsetMs` ahead (negative: behind) of true time. */
  'clock-skewed': { offsetMs: number };
  /** A client got a new token: by its own clock, `expS` is when it ends; `reason` proactive, initial or after-401. */
  'token-refreshed': { reason: string; iatS: number; expS: number };
  /** A client's request came back 401: the outcome the gate gave. */
  'auth-rejected': { outcome: string };
  /** The gate's failure rate went above the seed's alert threshold (HighAuthFailureRate), or back under it. */
  'auth-alert': { firing: boolean; failureRate: number; attempts: number };
};
export type AuthRecord = RecordOf<AuthEvents>;
