/**
 * Redis integers are signed 64-bit. Values are parsed the way string2ll does
 * (no spaces, no '+', no leading zeros, no "-0"), with BigInt so the range
 * check is exact [REDIS-TSTR] incrDecrCommand.
 */
export const INT64_MAX = 2n ** 63n - 1n;
export const INT64_MIN = -(2n ** 63n);

const INTEGER_TEXT = /^(0|-?[1-9][0-9]*)$/;

/** The value as an int64, or null if Redis would reply "not an integer or out of range". */
export function parseInt64(text: string): bigint | null {
  if (text.length > 20 || !INTEGER_TEXT.test(text)) return null;
  const v = BigInt(text);
  return v > INT64_MAX || v < INT64_MIN ? null : v;
}

/** A command argument given as a JS number, or null if it is not an int64. */
export function toInt64(n: number): bigint | null {
  if (!Number.isInteger(n)) return null;
  const v = BigInt(n);
  return v > INT64_MAX || v < INT64_MIN ? null : v;
}

export function inInt64Range(v: bigint): boolean {
  return v <= INT64_MAX && v >= INT64_MIN;
}
