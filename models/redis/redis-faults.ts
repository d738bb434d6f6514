import { z } from 'zod';
import { CRASH_PARAMS, NO_PARAMS } from '../lifecycle/fault-params.js';

/** Redis's proto-max-bulk-len default: no string value is longer (config.c, 512mb). */
const MAX_VALUE_BYTES = 512 * 1024 * 1024;
/** 1 TiB: more than any maxmemory; a fill this large would only spin through writes. */
const MAX_FILL_BYTES = 2 ** 40;

/** The fault kinds of a Redis server (target = the server's name) and their parameters; see RedisServer. */
export const REDIS_FAULTS = {
  crash: CRASH_PARAMS.extend({
    pageCacheSurvives: z.boolean().default(false).describe('true: only the process is killed, so writes in the OS page cache reach the disk'),
  }),
  restart: NO_PARAMS,
  'fill-memory': z.strictObject({
    bytes: z.number().positive().max(MAX_FILL_BYTES).describe('bytes to write, in keys or as non-key overhead'),
    valueBytes: z.number().int().nonnegative().max(MAX_VALUE_BYTES).optional().describe('bytes in each value written (default 1024)'),
    ttlMs: z.number().int().positive().optional().describe('ms until each key written expires (default: no expiry)'),
    as: z.enum(['keys', 'overhead']).default('keys').describe('keys: SET new keys (eviction may remove them); overhead: memory that is not keys (buffers, fragmentation)'),
  }),
};
