import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import type { EventLoopEvents } from './event-loop-events.js';

/**
 * What the detector times:
 * - `callback`: one loop callback (one step of a task), as asyncio's debug
 *   mode does: `dt >= slow_callback_duration`, 100 ms by default
 *   [PY-ASYNCIO] (`base_events.py` `_run_once`).
 * - `request`: the seed's BlockingDetectorMiddleware: `call_next`, from the
 *   coroutine's start to its response, `duration > 0.1`. It starts timing
 *   only once the loop runs the request, so the time a request spent
 *   waiting for a blocked loop is invisible to it; and with offload it
 *   also flags slow pool work that blocked nothing.
 */
export type BlockingMeasure = 'callback' | 'request';

export interface BlockingDetectorOptions {
  readonly thresholdMs: number;
  readonly measure: BlockingMeasure;
  /** A burst ends after this long without a slow one (one record per burst, not per warning). */
  readonly quietMs: number;
}

export const DEFAULT_BLOCKING_DETECTOR: BlockingDetectorOptions = { thresholdMs: 100, measure: 'callback', quietMs: 1000 };

/**
 * Counts the warnings the real detector would log (`count`, `slowUs`) and
 * writes them to the trace in episodes: the first slow one of a burst, then
 * one summary when the burst ends, so a loop blocked for minutes gives two
 * records, not thousands.
 */
export class BlockingDetector {
  readonly options: BlockingDetectorOptions;
  /** Warnings the real detector would have logged. */
  count = 0;
  /** Time inside the slow ones (the loop's blocked time, for `callback`). */
  slowUs: Micros = 0;
  longestUs: Micros = 0;
  private readonly threshold: Micros;
  private burst = { count: 0, maxUs: 0, totalUs: 0, last: -1 };
  private armed = false;
  private readonly check = () => this.checkQuiet();

  constructor(private readonly sim: Simulation, readonly source: string, options: Partial<BlockingDetectorOptions> = {}) {
    this.options = { ...DEFAULT_BLOCKING_DETECTOR, ...options };
    const { thresholdMs, quietMs } = this.options;
    if (!(thresholdMs >= 0 && thresholdMs < Infinity)) throw new Error(`blocking detector ${source}: thresholdMs must be a finite ms >= 0, got ${thresholdMs}`);
    if (!(quietMs > 0 && quietMs < Infinity)) throw new Error(`blocking detector ${source}: quietMs must be > 0, got ${quietMs}`);
    this.threshold = ms(thresholdMs);
  }

  /** Whether `durationUs` is slow, by the comparison of the real detector this one stands for. */
  isSlow(durationUs: Micros): boolean {
    return this.options.measure === 'callback' ? durationUs >= this.threshold : durationUs > this.threshold;
  }

  /** One timed piece of work just ended, now. */
  observe(durationUs: Micros): void {
    if (!this.isSlow(durationUs)) return;
    this.count++;
    this.slowUs += durationUs;
    if (durationUs > this.longestUs) this.longestUs = durationUs;
    const b = this.burst;
    if (b.count === 0) {
      this.sim.trace.typed<EventLoopEvents>().emit(this.source, 'blocking', { measure: this.options.measure, durationMs: toMs(durationUs), thresholdMs: this.options.thresholdMs });
    }
    b.count++;
    b.totalUs += durationUs;
    if (durationUs > b.maxUs) b.maxUs = durationUs;
    b.last = this.sim.now;
    if (!this.armed) this.arm(b.last + ms(this.options.quietMs));
  }

  private arm(time: Micros): void {
    this.armed = true;
    this.sim.at(time, this.check);
  }

  private checkQuiet(): void {
    this.armed = false;
    const b = this.burst, end = b.last + ms(this.options.quietMs);
    if (this.sim.now < end) return this.arm(end);
    this.sim.trace.typed<EventLoopEvents>().emit(this.source, 'blocking-ended', { measure: this.options.measure, count: b.count, maxMs: toMs(b.maxUs), totalMs: toMs(b.totalUs) });
    this.burst = { count: 0, maxUs: 0, totalUs: 0, last: -1 };
  }
}
