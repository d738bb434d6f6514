import { Histogram, type Micros } from '../../../src/scenario/index.js';
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
  /** Every call's latency in µs (exact nearest-rank percentiles). */
  readonly latency = new Histogram('call latency');

  /** `all`, when given, also gets every latency: the system's calls together. */
  constructor(private readonly all: Histogram | null = null) {}

  readonly record = (r: CallResult): void => {
    const us = r.endedAt - r.startedAt;
    this.calls++;
    this.latency.add(us);
    this.all?.add(us);
    this.lastEndAt = r.endedAt;
    if (r.source === 'live') { this.live++; this.lastLiveAt = r.endedAt; return; }
    this.lastNotLiveAt = r.endedAt;
    if (r.source === 'cache') { this.fromCache++; if (r.staleUs > this.maxStaleUs) this.maxStaleUs = r.staleUs; }
    else if (r.source === 'default') this.fromDefault++;
    else this.failed++;
  };

  /** Nearest-rank latency percentile in µs; NaN with no calls. */
  latencyPercentile(q: number): number {
    return this.latency.percentile(q);
  }
}
