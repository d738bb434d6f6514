import { sec, type Micros } from '../../src/kernel/time.js';

/** What the breaker said to one call: let through, refused while open, or refused because this call tripped it. */
export type DepthVerdict = 'admit' | 'open' | 'tripped';

export interface QueueDepthBreakerOptions {
  /** `max_queue_depth`: the in-flight count at which the next call trips it (seed: 50). */
  readonly maxQueueDepth: number;
  /** `cooldown_seconds`: how long it stays open, in seconds (seed: 30). */
  readonly cooldownSeconds: number;
}

export const SEED_000C_BREAKER: QueueDepthBreakerOptions = { maxQueueDepth: 50, cooldownSeconds: 30 };

/**
 * Seed 000-C's `InferenceCircuitBreaker`, as coded (next-models §2.4), pure:
 * time comes in as an argument. `call()` first asks `is_open()` (open while
 * now - tripped_at < cooldown; past it, tripped_at is cleared: closed, with
 * no half-open probe); then, if `queue_depth >= max_queue`, it trips and
 * refuses this call; otherwise depth + 1 until the call's `finally`.
 *
 * `depth` counts coroutines inside `call()`: the app's in-flight work. A
 * request still in the kernel's accept queue, or whose task has not been
 * given the loop yet, is not counted, so a loop blocked by CPU work (where
 * no coroutine gets to start) keeps depth low: the blind spot. The seed's
 * `datetime.now()` is wall-clock time; in the simulation it is the virtual
 * clock (a wall-clock step would shorten or lengthen the cooldown: not modelled).
 */
export class QueueDepthBreaker {
  readonly options: QueueDepthBreakerOptions;
  /** `queue_depth`: calls inside. */
  depth = 0;
  /** `tripped_at`, -1 for None. */
  trippedAt: Micros = -1;
  trips = 0;
  /** Calls refused, by an open breaker or by tripping it. */
  rejected = 0;
  private readonly cooldown: Micros;

  constructor(options: Partial<QueueDepthBreakerOptions> = {}) {
    this.options = { ...SEED_000C_BREAKER, ...options };
    const { maxQueueDepth, cooldownSeconds } = this.options;
    if (!(Number.isInteger(maxQueueDepth) && maxQueueDepth >= 0)) throw new Error(`queue-depth breaker: maxQueueDepth must be an integer >= 0, got ${maxQueueDepth}`);
    if (!(cooldownSeconds >= 0 && cooldownSeconds < Infinity)) throw new Error(`queue-depth breaker: cooldownSeconds must be a finite number >= 0, got ${cooldownSeconds}`);
    this.cooldown = sec(cooldownSeconds);
  }

  /** `is_open()`: also closes it once the cooldown has passed, as the seed's does. */
  isOpen(now: Micros): boolean {
    if (this.trippedAt >= 0) {
      if (now - this.trippedAt < this.cooldown) return true;
      this.trippedAt = -1;
    }
    return false;
  }

  /** The start of `call()`: on 'admit' the caller must call `exit()` when the call ends, whatever its outcome. */
  enter(now: Micros): DepthVerdict {
    if (this.isOpen(now)) {
      this.rejected++;
      return 'open';
    }
    if (this.depth >= this.options.maxQueueDepth) {
      this.trippedAt = now;
      this.trips++;
      this.rejected++;
      return 'tripped';
    }
    this.depth++;
    return 'admit';
  }

  /** The `finally` of `call()`. */
  exit(): void {
    if (this.depth <= 0) throw new Error('queue-depth breaker: exit() without a matching admitted enter()');
    this.depth--;
  }

  /** The process died: its breaker dies with it (counters kept for the run's totals). */
  reset(): void {
    this.depth = 0;
    this.trippedAt = -1;
  }
}
