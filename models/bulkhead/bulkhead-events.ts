import type { RecordOf } from '../../src/kernel/trace-events.js';

/**
 * A bulkhead's rejection episodes in the trace (source: the bulkhead's
 * name), one record per episode and per decade of rejections, never one per
 * call (see rejection-episodes.ts).
 */
export type BulkheadEvents = {
  /** The first rejection of an episode: the bulkhead was full. */
  full: { max: number; inUse: number; waiting: number };
  /** The episode's running count at 10, 100, 1000... rejections. */
  rejected: { count: number };
  /** No rejection for the quiet period: the episode's total and its span, first to last rejection. */
  recovered: { rejected: number; lastedMs: number };
};
export type BulkheadRecord = RecordOf<BulkheadEvents>;
