import { adjustTimeouts } from '../../models/patroni/timeouts.js';
import type { PatroniParams } from './params.js';

/** Patroni's timing as it runs it (it adjusts ttl, loop_wait and retry_timeout that break its rules), with the warnings. */
export function patroniTimeouts(p: PatroniParams) {
  return adjustTimeouts({ ttlS: p.ttlMs / 1000, loopWaitS: p.loopWaitMs / 1000, retryTimeoutS: p.retryTimeoutMs / 1000 });
}
