import { percentile, type Micros } from '../../../src/scenario/index.js';
import type { CallResult } from '../../../models/resilience/call-result.js';

/**
 * Every finished call of one caller: how it ended (live, cached, default,
 * failed), its latency as its client saw it, and the staleness of cached
 * answers. Latencies are kept whole, so percentiles are exact ranks.
 */
export class CallOutcomes {
  calls = 0;
  live = 0;
  fromCache = 0;
  fromDefault = 0;
  failed = 0;
  /** When the last call ended, and the last live one. */
  lastEndAt: Micros = -1;
  lastLiveAt: Micros = -1;
  /** When the last call that got no live answer ended (a fallback or an error). */
  lastNotLiveAt: Micros = -1;
  maxStaleUs: Micros = 0;
  private latencies_ = new Float64Array(1024);
  private sorted: Float64Array | null = null;

  readonly record = (r: CallResult): void => {
    if (this.calls === this.latencies_.length) {
      const grown = new Float64Array(this.calls * 2);
      grown.set(this.latencies_);
      this.latencies_ = grown;
    }
    this.latencies_[this.calls++] = r.endedAt - r.startedAt;
    this.sorted = null;
    this.lastEndAt = r.endedAt;
    if (r.source === 'live') { this.live++; this.lastLiveAt = r.endedAt; return; }
    this.lastNotLiveAt = r.endedAt;
    if (r.source === 'cache') { this.fromCache++; if (r.staleUs > this.maxStaleUs) this.maxStaleUs = r.staleUs; }
    else if (r.source === 'default') this.fromDefault++;
    else this.failed++;
  };

  /** The latencies in µs, in the order the calls ended. */
  latencies(): Float64Array {
    return this.latencies_.subarray(0, this.calls);
  }

  /** Nearest-rank latency percentile in µs; NaN with no calls. */
  latencyPercentile(q: number): number {
    this.sorted ??= this.latencies_.slice(0, this.calls).sort();
    return percentile(this.sorted, q);
  }
}
