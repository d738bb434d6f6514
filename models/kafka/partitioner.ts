/**
 * Which partition a keyed record goes to. The Java producer's default
 * partitioner hashes the key's bytes with murmur2 (seed 0x9747b28c) and takes
 * `toPositive(hash) % partitions`, where toPositive clears the sign bit. We
 * use the same function on the key's UTF-8 bytes, so a key lands on the
 * partition a real Java client would pick (checked against the test vectors
 * other clients use for Java compatibility). The choice is a pure function of
 * (key, partition count): the same key always lands on the same partition
 * while the count does not change, which is what per-key ordering rests on.
 */
export function partitionFor(key: string, partitions: number): number {
  if (!(Number.isInteger(partitions) && partitions > 0)) throw new Error(`partitionFor: invalid partition count ${partitions}`);
  return (murmur2(utf8(key)) & 0x7fffffff) % partitions;
}

/** Kafka's `Utils.murmur2`: 32-bit MurmurHash2 over bytes, as a signed int. */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = (0x9747b28c ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  // The Java switch falls through from case 3 to case 1; written out as ifs.
  const rest = length & 3;
  if (rest >= 3) h ^= data[whole + 2]! << 16;
  if (rest >= 2) h ^= data[whole + 1]! << 8;
  if (rest >= 1) h = Math.imul(h ^ data[whole]!, m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
