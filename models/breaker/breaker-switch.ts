import type { Micros } from '../../src/kernel/time.js';
import type { ObservableBreaker, TransitionListener } from './breaker.js';
import { ConsecutiveBreaker, type ConsecutiveBreakerOptions } from './consecutive-breaker.js';
import { CountInWindowBreaker, type CountInWindowOptions } from './count-in-window-breaker.js';
import { CountWindowBreaker, type CountWindowOptions } from './count-window-breaker.js';
import { OpossumBreaker, type OpossumOptions } from './opossum-breaker.js';
import { TimeWindowBreaker, type TimeWindowOptions } from './time-window-breaker.js';

/**
 * The breaker a scenario's `--set breaker=<kind>` picks: each kind with its
 * library's shipped defaults unless overridden; 'none' is no breaker.
 */
export const BREAKER_KINDS = ['none', 'consecutive', 'count-window', 'time-window', 'opossum', 'count-in-window'] as const;
export type BreakerKind = (typeof BREAKER_KINDS)[number];

export interface BreakerOptionsByKind {
  readonly consecutive: ConsecutiveBreakerOptions;
  readonly 'count-window': CountWindowOptions;
  readonly 'time-window': TimeWindowOptions;
  readonly opossum: OpossumOptions;
  readonly 'count-in-window': CountInWindowOptions;
}

/**
 * Overrides every kind understands: `openMs` is the open spell under each
 * library's own name (resilience4j waitDurationInOpenStateMs, opossum
 * resetAfterMs); a kind's own name, when also given, wins.
 */
export interface CommonBreakerOverrides {
  readonly openMs?: number;
  readonly onTransition?: TransitionListener;
}

/** The options a kind accepts, each optional, plus the common ones. */
export type BreakerOverrides<K extends BreakerKind> = (K extends keyof BreakerOptionsByKind ? Partial<BreakerOptionsByKind[K]> : unknown) & CommonBreakerOverrides;

/**
 * A breaker of `kind`, or null for 'none'. `createdAtUs` is when it is built:
 * the phase of opossum's bucket rotation and warm-up, the start of
 * gobreaker's first interval and of resilience4j's first time window.
 */
export function createBreaker<K extends BreakerKind>(kind: K, overrides?: BreakerOverrides<K>, createdAtUs: Micros = 0): ObservableBreaker | null {
  const o = (overrides ?? {}) as Record<string, unknown> & CommonBreakerOverrides;
  const open = o.openMs;
  switch (kind as BreakerKind) {
    case 'none': return null;
    case 'consecutive': return new ConsecutiveBreaker(o as Partial<ConsecutiveBreakerOptions>, createdAtUs);
    case 'count-in-window': return new CountInWindowBreaker(o as Partial<CountInWindowOptions>, createdAtUs);
    case 'count-window': return new CountWindowBreaker({ ...renamed(open, 'waitDurationInOpenStateMs'), ...o } as Partial<CountWindowOptions>, createdAtUs);
    case 'time-window': return new TimeWindowBreaker({ ...renamed(open, 'waitDurationInOpenStateMs'), ...o } as Partial<TimeWindowOptions>, createdAtUs);
    case 'opossum': return new OpossumBreaker({ ...renamed(open, 'resetAfterMs'), ...o } as Partial<OpossumOptions>, createdAtUs);
    default: throw new Error(`unknown breaker kind '${String(kind)}' (one of ${BREAKER_KINDS.join(', ')})`);
  }
}

/** `openMs` under a library's own option name (spread before the overrides, so an explicit own name wins). */
function renamed(openMs: number | undefined, name: string): Record<string, number> {
  return openMs === undefined ? {} : { [name]: openMs };
}

export function isBreakerKind(text: string): text is BreakerKind {
  return (BREAKER_KINDS as readonly string[]).includes(text);
}
