import { Histogram, type Micros, type Simulation } from '../../src/scenario/index.js';
import type { FeatureCacheWorld } from './world.js';

/** Every successful request's latency, the answered and failed counts, and computations in flight at their peak. */
export class FeatureCacheObserved {
  /** Latencies of the requests answered with a value (a failure answered at once would flatter the percentiles). */
  readonly latencies = new Histogram('request latency');
  answered = 0;
  failed = 0;
  peakComputing = 0;
  private computing = 0;

  constructor(world: FeatureCacheWorld) {
    world.answered.add((latency: Micros, ok: boolean) => {
      this.answered++;
      if (!ok) { this.failed++; return; }
      this.latencies.add(latency);
    });
    for (const a of world.api) {
      a.started.add(() => { if (++this.computing > this.peakComputing) this.peakComputing = this.computing; });
      a.finished.add(() => { this.computing--; });
    }
  }

  /** Nearest-rank latency percentile in µs; NaN with no answer. */
  latency(q: number): number {
    return this.latencies.percentile(q);
  }
}

export function observeFeatureCache(world: FeatureCacheWorld, _sim: Simulation): FeatureCacheObserved {
  return new FeatureCacheObserved(world);
}
