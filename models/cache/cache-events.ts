import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A coalescing cache's trace events (source: the coalescer's or cache's name). */
export type CacheEvents = {
  /** The seed coalescer dropped a failed key: its waiters are never answered (next-models.md 4.2). */
  'waiters-hung': { key: string; waiters: number };
};
export type CacheRecord = RecordOf<CacheEvents>;
