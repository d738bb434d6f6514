/**
 * Patroni's timing rule, as `Config._validate_and_adjust_timeouts` applies it
 * since 3.2.0 (patroni/config.py). Each value is read as a whole number of
 * seconds (`int(...)`) and raised to its minimum, in this order: loop_wait 1,
 * retry_timeout 3, ttl 20. Then `loop_wait + 2*retry_timeout <= ttl` must
 * hold; Patroni adjusts instead of refusing and logs a warning:
 * - if even the minimal loop_wait (1) cannot fit, loop_wait becomes 1 and
 *   retry_timeout `(ttl - 1) // 2`;
 * - otherwise loop_wait shrinks to `ttl - 2*retry_timeout`.
 * So the seed's 10/10/10 runs as ttl 20, loop_wait 1, retry_timeout 9, and
 * 21/10/10 as 21/1/10.
 */
export interface PatroniTimeouts {
  readonly ttlS: number;
  readonly loopWaitS: number;
  readonly retryTimeoutS: number;
}

export const MIN_TTL_S = 20;
export const MIN_LOOP_WAIT_S = 1;
export const MIN_RETRY_TIMEOUT_S = 3;

/** `__get_and_maybe_adjust_int_value`: int() truncates, then the minimum applies. */
function atLeast(name: string, value: number, min: number, warnings: string[]): number {
  const v = Math.trunc(value);
  if (v >= min) return v;
  warnings.push(`${name}=${v} can't be smaller than ${min}, adjusted to ${min}`);
  return min;
}

export function adjustTimeouts(requested: PatroniTimeouts): { effective: PatroniTimeouts; warnings: string[] } {
  const warnings: string[] = [];
  let loopWaitS = atLeast('loop_wait', requested.loopWaitS, MIN_LOOP_WAIT_S, warnings);
  let retryTimeoutS = atLeast('retry_timeout', requested.retryTimeoutS, MIN_RETRY_TIMEOUT_S, warnings);
  const ttlS = atLeast('ttl', requested.ttlS, MIN_TTL_S, warnings);
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
