import type { Micros } from '../../src/kernel/time.js';
import {
  DECREMENT_OVERFLOW_ERROR, INVALID_EXPIRE_ERROR, NOT_INTEGER_ERROR, OVERFLOW_ERROR,
  reply, replyError, type RedisCommand, type RedisReply,
} from './commands.js';
import { INT64_MIN, inInt64Range, parseInt64, toInt64 } from './int64.js';
import type { Keyspace } from './keyspace.js';

/**
 * Runs one command against the database, atomically: Redis executes commands
 * one at a time, so a DECR can never interleave with another client's
 * [RDOC-DECR]. Memory limits are the caller's business (redis-server.ts).
 */
export function runCommand(db: Keyspace, cmd: RedisCommand, now: Micros): RedisReply {
  switch (cmd.op) {
    case 'get': {
      const e = db.lookup(cmd.key, true);
      return reply(e === undefined ? null : e.value);
    }
    case 'set':
      return set(db, cmd.key, cmd.value, cmd.nx === true, cmd.exMs, now);
    case 'incr':
      return incrBy(db, cmd.key, 1n);
    case 'decr':
      return incrBy(db, cmd.key, -1n);
    case 'incrby': {
      const by = toInt64(cmd.by);
      return by === null ? replyError(NOT_INTEGER_ERROR) : incrBy(db, cmd.key, by);
    }
    case 'decrby': {
      const by = toInt64(cmd.by);
      if (by === null) return replyError(NOT_INTEGER_ERROR);
      // -INT64_MIN does not fit in an int64 [REDIS-TSTR] decrbyCommand.
      if (by === INT64_MIN) return replyError(DECREMENT_OVERFLOW_ERROR);
      return incrBy(db, cmd.key, -by);
    }
    case 'del':
      // An expired key is deleted by the lookup first and does not count as removed.
      db.lookup(cmd.key, false);
      return reply(db.remove(cmd.key) ? 1 : 0);
    case 'pttl': {
      const e = db.lookup(cmd.key, false);
      if (e === undefined) return reply(-2);
      if (e.expiresAt === null) return reply(-1);
      return reply(Math.ceil((e.expiresAt - now) / 1000));
    }
    case 'exists':
      return reply(db.lookup(cmd.key, false) === undefined ? 0 : 1);
    default: {
      const unknown: { op?: unknown } = cmd;
      return replyError(`ERR unknown command '${String(unknown.op)}'`);
    }
  }
}

/**
 * SET key value [NX] [PX ms]. A successful SET replaces the value and drops
 * any earlier TTL; NX leaves an existing (unexpired) key alone and replies
 * nil [RDOC-SET]. The lookup touches the key's LRU clock even when NX blocks
 * (setGenericCommand uses lookupKeyWrite).
 */
function set(db: Keyspace, key: string, value: string, nx: boolean, exMs: number | undefined, now: Micros): RedisReply {
  let expiresAt: Micros | null = null;
  if (exMs !== undefined) {
    if (!Number.isInteger(exMs)) return replyError(NOT_INTEGER_ERROR);
    if (exMs <= 0) return replyError(INVALID_EXPIRE_ERROR);
    expiresAt = now + exMs * 1000;
  }
  const found = db.lookup(key, true) !== undefined;
  if (nx && found) return reply(null);
  db.write(key, value, expiresAt);
  return reply('OK');
}

/**
 * INCR/DECR/INCRBY/DECRBY: a missing key counts as 0, there is no lower
 * bound (a stock counter goes negative), and the key keeps its TTL
 * [RDOC-DECR], [RDOC-EXPIRE]. The reply is a JS number: exact up to 2^53,
 * while the stored value is the exact int64.
 */
function incrBy(db: Keyspace, key: string, by: bigint): RedisReply {
  const e = db.lookup(key, true);
  let old = 0n;
  if (e !== undefined) {
    const v = parseInt64(e.value);
    if (v === null) return replyError(NOT_INTEGER_ERROR);
    old = v;
  }
  const next = old + by;
  if (!inInt64Range(next)) return replyError(OVERFLOW_ERROR);
  db.write(key, next.toString(), e === undefined ? null : e.expiresAt);
  return reply(Number(next));
}
