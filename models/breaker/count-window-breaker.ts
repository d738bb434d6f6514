import type { Micros } from '../../src/kernel/time.js';
import { FixedSizeWindow } from './fixed-size-window.js';
import { Resilience4jBreaker, type WindowStrategy } from './resilience4j-machine.js';
import type { Resilience4jOptions } from './resilience4j-options.js';

/**
 * resilience4j with `SlidingWindowType.COUNT_BASED` (the default): the last
 * `slidingWindowSize` calls, judged once min(minimumNumberOfCalls,
 * slidingWindowSize) are in (`CircuitBreakerMetrics` constructor). With the
 * defaults that is 100 calls: a breaker on a quiet dependency needs 100
 * calls, however slow they come, before it can open at all.
 */
export type CountWindowOptions = Resilience4jOptions;

function countBased(o: Resilience4jOptions): WindowStrategy {
  return {
    create: () => new FixedSizeWindow(o.slidingWindowSize),
    minimumNumberOfCalls: Math.min(o.minimumNumberOfCalls, o.slidingWindowSize),
  };
}

export class CountWindowBreaker extends Resilience4jBreaker {
  readonly kind = 'count-window';

  constructor(options: Partial<CountWindowOptions> = {}, createdAtUs: Micros = 0) {
    super(options, countBased, createdAtUs);
  }
}
