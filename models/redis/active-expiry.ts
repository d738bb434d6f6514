import type { RandomStream } from '../../src/kernel/rng.js';
import type { Keyspace } from './keyspace.js';

/**
 * Redis's slow active expiry cycle, run by serverCron at `hz` [RDOC-EXPIRE],
 * [REDIS-EXPIREC]: sample 20 keys that have a TTL, delete the expired ones,
 * and sample again while more than 10 % of the sample was stale. Keys nobody
 * reads therefore leave memory within a few cycles, while a small stale
 * remainder (under about 10 %) can linger until sampled.
 *
 * Redis walks the expires dict with a cursor, so its sample is spread over
 * the hash table; uniform random draws stand in for that. The fast cycle
 * run before each event-loop sleep is not modelled.
 */
export const KEYS_PER_LOOP = 20;
export const ACCEPTABLE_STALE_PERCENT = 10;
/**
 * The cycle may use 25 % of a cron period of CPU. Virtual time does not
 * charge CPU, so a budget of sampled keys per cycle stands in for it
 * [ASSUMPTION: about 1 µs per sampled key, 25 ms per cycle at hz 10].
 */
export const MAX_SAMPLED_PER_CYCLE = 25_000;

/** Reused by every cycle of one server: a sample's keys and their expiry times. */
export interface ExpirySample {
  readonly keys: string[];
  readonly expiries: number[];
}

export function newExpirySample(): ExpirySample {
  return { keys: [], expiries: [] };
}

/** Runs one cycle; returns the number of keys it deleted. */
export function activeExpireCycle(db: Keyspace, rng: RandomStream, scratch: ExpirySample = newExpirySample()): number {
  let budget = MAX_SAMPLED_PER_CYCLE;
  let total = 0;
  const { keys, expiries } = scratch;
  for (;;) {
    if (db.volatile.size === 0) break;
    let expired = 0;
    // With no more volatile keys than one loop samples, Redis checks them all.
    const sampled = db.volatile.sampleInto(KEYS_PER_LOOP, rng, keys, expiries);
    for (let i = 0; i < sampled; i++) if (db.expireSampled(keys[i]!, expiries[i]!)) expired++;
    total += expired;
    budget -= sampled;
    if (expired * 100 <= ACCEPTABLE_STALE_PERCENT * sampled || budget <= 0) break;
  }
  return total;
}
