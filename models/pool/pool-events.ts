import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A connection pool's exhaustion episodes in the trace (source: the pool's name). */
export type PoolEvents = {
  exhausted: { max: number; waiting: number };
  timeouts: { count: number };
  recovered: { timeouts: number; afterMs: number };
};
export type PoolRecord = RecordOf<PoolEvents>;
