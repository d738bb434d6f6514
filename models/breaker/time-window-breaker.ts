import type { Micros } from '../../src/kernel/time.js';
import { Resilience4jBreaker, type WindowStrategy } from './resilience4j-machine.js';
import type { Resilience4jOptions } from './resilience4j-options.js';
import { TimeWindow } from './time-window.js';

/**
 * resilience4j with `SlidingWindowType.TIME_BASED`: `slidingWindowSize`
 * epoch-second buckets, judged once `minimumNumberOfCalls` are in; unlike
 * COUNT_BASED the minimum is not capped by the window size, so with the
 * defaults (100 s, 100 calls) a dependency called less than once a second
 * never opens the breaker, even when every call fails.
 */
export type TimeWindowOptions = Resilience4jOptions;

function timeBased(o: Resilience4jOptions): WindowStrategy {
  return {
    create: (now) => new TimeWindow(o.slidingWindowSize, now),
    minimumNumberOfCalls: o.minimumNumberOfCalls,
  };
}

export class TimeWindowBreaker extends Resilience4jBreaker {
  readonly kind = 'time-window';

  constructor(options: Partial<TimeWindowOptions> = {}, createdAtUs: Micros = 0) {
    super(options, timeBased, createdAtUs);
  }
}
