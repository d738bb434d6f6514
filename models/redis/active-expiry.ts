import type { Keyspace } from './keyspace.js';

/**
 * Redis's slow active expiry cycle, run by serverCron at `hz` [RDOC-EXPIRE],
 * [REDIS-EXPIREC] activeExpireCycle: look at up to 20 keys that have a TTL,
 * delete the expired ones, and go on while more than 10 % of those looked
 * at were stale. Redis walks the expires dict with a cursor kept between
 * cycles (`db->expires_cursor`, dictScan), so each key is looked at once a
 * pass over the dict: a stale key nobody reads leaves memory within one
 * pass. Here the cursor walks the expiry set's members in their order (the
 * set stands in for the dict's buckets); a key deleted under the cursor is
 * replaced there by the set's last member, which is looked at next, as
 * dictScan visits every key present for the whole scan. The fast cycle run
 * before each event-loop sleep is not modelled.
 */
export const KEYS_PER_LOOP = 20;
export const ACCEPTABLE_STALE_PERCENT = 10;
/**
 * The cycle may use 25 % of a cron period of CPU. Virtual time does not
 * charge CPU, so a budget of keys looked at per cycle stands in for it
 * [ASSUMPTION: about 1 µs per key, 25 ms per cycle at hz 10].
 */
export const MAX_SAMPLED_PER_CYCLE = 25_000;

/** Where the next cycle goes on walking the expiry set (db->expires_cursor). */
export interface ExpireCursor {
  at: number;
}

/** Runs one cycle from `cursor` (which it moves on); returns the number of keys it deleted. */
export function activeExpireCycle(db: Keyspace, cursor: ExpireCursor): number {
  const set = db.volatile;
  let budget = MAX_SAMPLED_PER_CYCLE;
  let total = 0;
  for (;;) {
    if (set.size === 0) break;
    // With no more keys with a TTL than one loop looks at, Redis looks at them all.
    const num = Math.min(KEYS_PER_LOOP, set.size);
    let sampled = 0, expired = 0;
    while (sampled < num && set.size > 0) {
      if (cursor.at >= set.size) cursor.at = 0;
      sampled++;
      // An expired key is removed and the set's last member takes its place: the cursor stays to look at it.
      if (db.expireSampled(set.keyAt(cursor.at), set.tagAt(cursor.at))) expired++;
      else cursor.at++;
    }
    total += expired;
    budget -= sampled;
    if (expired * 100 <= ACCEPTABLE_STALE_PERCENT * sampled || budget <= 0) break;
  }
  return total;
}

/** Moves the cursor on as `cycles` cycles that found nothing expired would have, over `size` keys with a TTL. */
export function skipCursor(cursor: ExpireCursor, cycles: number, size: number): void {
  if (cycles <= 0 || size === 0) return;
  cursor.at = (cursor.at + cycles * Math.min(KEYS_PER_LOOP, size)) % size;
}
