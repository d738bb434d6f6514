import type { RecordOf } from '../../src/kernel/trace-events.js';
import type { BreakerState } from './breaker.js';

/**
 * A circuit breaker in the trace (source: the breaker's name). Rejections
 * are not one record each: an open breaker under load rejects thousands of
 * calls, so a spell of rejections reports its first, then its 10th, 100th,
 * 1000th... (`count`), as the pool's exhaustion episodes do.
 */
export type BreakerEvents = {
  transition: { from: BreakerState; to: BreakerState; reason: string };
  rejected: { state: BreakerState; count: number };
};
export type BreakerRecord = RecordOf<BreakerEvents>;
