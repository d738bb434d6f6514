/**
 * Patroni's timing rule. Since 3.2.0 Patroni enforces minimums (ttl 20 s,
 * loop_wait 2 s, retry_timeout 3 s) and `loop_wait + 2*retry_timeout <= ttl`,
 * adjusting the values and logging a warning instead of refusing them:
 * if even loop_wait = 2 cannot fit, retry_timeout shrinks to (ttl - 2) / 2;
 * otherwise loop_wait shrinks to ttl - 2*retry_timeout.
 * Values are whole seconds, as in Patroni's configuration.
 */
export interface PatroniTimeouts {
  readonly ttlS: number;
  readonly loopWaitS: number;
  readonly retryTimeoutS: number;
}

export const MIN_TTL_S = 20;
export const MIN_LOOP_WAIT_S = 2;
export const MIN_RETRY_TIMEOUT_S = 3;

export function adjustTimeouts(requested: PatroniTimeouts): { effective: PatroniTimeouts; warnings: string[] } {
  const warnings: string[] = [];
  let { ttlS, loopWaitS, retryTimeoutS } = requested;
  if (loopWaitS < MIN_LOOP_WAIT_S) { warnings.push(`loop_wait=${loopWaitS} can't be smaller than ${MIN_LOOP_WAIT_S}, adjusted`); loopWaitS = MIN_LOOP_WAIT_S; }
  if (retryTimeoutS < MIN_RETRY_TIMEOUT_S) { warnings.push(`retry_timeout=${retryTimeoutS} can't be smaller than ${MIN_RETRY_TIMEOUT_S}, adjusted`); retryTimeoutS = MIN_RETRY_TIMEOUT_S; }
  if (ttlS < MIN_TTL_S) { warnings.push(`ttl=${ttlS} can't be smaller than ${MIN_TTL_S}, adjusted to ${MIN_TTL_S}`); ttlS = MIN_TTL_S; }
  if (MIN_LOOP_WAIT_S + 2 * retryTimeoutS > ttlS) {
    const r = Math.floor((ttlS - MIN_LOOP_WAIT_S) / 2);
    warnings.push(`violated loop_wait + 2*retry_timeout <= ttl (${loopWaitS} + 2*${retryTimeoutS} > ${ttlS}): loop_wait ${loopWaitS} -> ${MIN_LOOP_WAIT_S}, retry_timeout ${retryTimeoutS} -> ${r}`);
    loopWaitS = MIN_LOOP_WAIT_S;
    retryTimeoutS = r;
  } else if (loopWaitS + 2 * retryTimeoutS > ttlS) {
    const l = ttlS - 2 * retryTimeoutS;
    warnings.push(`violated loop_wait + 2*retry_timeout <= ttl (${loopWaitS} + 2*${retryTimeoutS} > ${ttlS}): loop_wait ${loopWaitS} -> ${l}`);
    loopWaitS = l;
  }
  return { effective: { ttlS, loopWaitS, retryTimeoutS }, warnings };
}
