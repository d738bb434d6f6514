/**
 * The Redis string commands the model understands, and its replies. A reply
 * is either a value (RESP: simple string, integer or nil) or an error whose
 * text starts with Redis's own error code, so callers can match on it.
 */
export type RedisCommand =
  | { op: 'get'; key: string }
  /** SET key value [NX] [PX ms]: 'OK', or null when NX found the key. */
  | { op: 'set'; key: string; value: string; nx?: boolean; exMs?: number }
  /** The new integer value; a missing key counts as 0 first. */
  | { op: 'incr' | 'decr'; key: string }
  | { op: 'incrby' | 'decrby'; key: string; by: number }
  /** The number of keys removed (0 or 1). */
  | { op: 'del'; key: string }
  /** -2 missing, -1 no TTL, else milliseconds left. */
  | { op: 'pttl'; key: string }
  /** 1 or 0. */
  | { op: 'exists'; key: string };

export type RedisReply = { ok: true; value: string | number | null } | { ok: false; error: string };

// Error texts as Redis sends them, minus the leading '-' of RESP.
export const OOM_ERROR = "OOM command not allowed when used memory > 'maxmemory'.";
export const NOT_INTEGER_ERROR = 'ERR value is not an integer or out of range';
export const OVERFLOW_ERROR = 'ERR increment or decrement would overflow';
export const DECREMENT_OVERFLOW_ERROR = 'ERR decrement would overflow';
export const INVALID_EXPIRE_ERROR = "ERR invalid expire time in 'set' command";
/** What a client sees when the machine answers but no Redis process listens. */
export const CONNECTION_REFUSED = 'ECONNREFUSED';
/** What a client sees when nothing came back within its timeout. */
export const TIMEOUT = 'timeout';

export const reply = (value: string | number | null): RedisReply => ({ ok: true, value });
export const replyError = (error: string): RedisReply => ({ ok: false, error });

/**
 * Whether Redis refuses the command when it is over maxmemory and cannot
 * evict: the command table's `denyoom` flag. The flag belongs to the
 * command, not to what one call would do, so a DECR of an existing counter
 * is refused as well as a SET of a new key; DEL and reads are not flagged
 * [REDIS-SERVER] processCommand, src/commands/*.json.
 */
export function deniedOnOom(cmd: RedisCommand): boolean {
  switch (cmd.op) {
    case 'set': case 'incr': case 'decr': case 'incrby': case 'decrby': return true;
    default: return false;
  }
}
