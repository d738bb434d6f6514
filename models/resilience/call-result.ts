import type { Micros } from '../../src/kernel/time.js';

/** Why an attempt, or a call that made none, failed. */
export type CallError =
  | 'error' | 'refused' | 'reset' | 'overloaded' | 'conflict'
  | 'connect-timeout' | 'read-timeout'
  | 'breaker-open' | 'bulkhead-full' | 'pool-timeout' | 'budget-exhausted' | 'deadline';

/** One logical call as its caller sees it when it ends. */
export interface CallResult {
  /** The caller got an answer it can use: live, or a fallback. */
  readonly ok: boolean;
  readonly source: 'live' | 'cache' | 'default' | 'none';
  /** The last failure; null when the answer is live. */
  readonly error: CallError | null;
  /** Attempts that went out on the network. */
  readonly attempts: number;
  readonly startedAt: Micros;
  readonly endedAt: Micros;
  /** Age of the cached answer served as the fallback; 0 otherwise. */
  readonly staleUs: Micros;
}

/**
 * A gate an attempt passes through and leaves (a bulkhead, as
 * models/bulkhead's SemaphoreBulkhead): `acquire` calls exactly one of its
 * callbacks once, at once or later; each grant is matched by one `release`.
 */
export interface CallGate {
  acquire<A>(granted: (arg: A) => void, rejected: (error: string, arg: A) => void, arg: A): void;
  release(): void;
}
