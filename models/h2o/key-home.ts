/**
 * Where H2O keeps a key: its home node, from Key.java [H2O-KEY]. A key's
 * hash is Bob Jenkins' one-at-a-time hash over its bytes, in Java int
 * arithmetic (wrapping, arithmetic shifts, signed bytes); a user key's home
 * is `(hash & 0x7FFFFFFF) % cloudSize`, an index into the cloud's members
 * sorted as H2O sorts them (H2Okey order; here the pod names' order).
 * Chunks of a frame (DVEC keys) are not hashed: they go round-robin, one per
 * node, then in pairs, fours, eights and sixteens (Key.D).
 */
const ENCODER = new TextEncoder();

/** Key(byte[] kb): the Jenkins one-at-a-time hash, as a Java int. */
export function keyHash(name: string): number {
  let hash = 0;
  for (const u of ENCODER.encode(name)) {
    const b = u > 127 ? u - 256 : u; // Java bytes are signed
    hash = (hash + b) | 0;
    hash = (hash + (hash << 10)) | 0;
    hash ^= hash >> 6;
  }
  hash = (hash + (hash << 3)) | 0;
  hash ^= hash >> 11;
  hash = (hash + (hash << 15)) | 0;
  return hash;
}

/** Key.D(0) for a user key: the index of its home node in a cloud of `cloudSize`. */
export function homeIndex(name: string, cloudSize: number): number {
  if (cloudSize <= 0) throw new Error('h2o: cloud size is zero');
  return (keyHash(name) & 0x7fffffff) % cloudSize;
}

/** Key.D(0) for chunk `cidx` of a frame: round-robin, then runs of 2, 4, 8 and 16 chunks per node. */
export function chunkHomeIndex(cidx: number, cloudSize: number): number {
  if (cloudSize <= 0) throw new Error('h2o: cloud size is zero');
  const x = Math.floor(cidx / cloudSize);
  const z = x === 0 ? 0 : x <= 2 ? 1 : x <= 6 ? 2 : x <= 14 ? 3 : 4;
  const nidx = (cidx - ((1 << z) - 1) * cloudSize) >> z;
  return (nidx & 0x7fffffff) % cloudSize;
}
