import type { RecordOf } from '../../src/kernel/trace-events.js';
import type { TraceData } from '../../src/kernel/trace.js';

/** What a Redis server writes to the trace (source: the server's name). */
export type RedisEvents = {
  'rdb-save': { keys: number; changes: number; durationMs: number; shutdown?: boolean };
  'fill-memory': { keys: number; bytes: number; overheadBytes?: number; oom: boolean };
  shutdown: { keys: number; keysOnDisk: number };
  crash: { persistence: string; keys: number; keysOnDisk: number; pageCacheSurvives: boolean };
  restart: { keys: number; expiredOnLoad: number; graceful: boolean };
  /** Throttled counts: the count since the last record, the run's total, and the server's memory figures. */
  evicted: TraceData;
  oom: TraceData;
};
export type RedisRecord = RecordOf<RedisEvents>;
