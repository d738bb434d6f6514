/**
 * The model's estimate of used_memory. Each key costs a fixed overhead plus
 * the length of its name and value. 64 bytes stands for the dict entry
 * (24 B), the value's robj header (16 B), two sds headers and jemalloc's
 * size-class rounding; the expires entry of a key with a TTL is folded into
 * it [ASSUMPTION: order of magnitude from Redis's object layout; `MEMORY
 * USAGE` of a short string key reports 50-70 bytes]. Lengths are UTF-16 code
 * units, which equal bytes for ASCII keys and values.
 *
 * Redis's own baseline (about 1 MB for an empty instance) is left out, so
 * an empty model uses 0 bytes and maxmemory compares against data only.
 */
export const KEY_OVERHEAD_BYTES = 64;

export function entryBytes(key: string, value: string): number {
  return KEY_OVERHEAD_BYTES + key.length + value.length;
}
