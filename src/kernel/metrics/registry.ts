import { Counter } from './counter.js';
import { DowntimeTracker } from './downtime.js';
import { Gauge } from './gauge.js';
import { Histogram } from './histogram.js';
import type { Micros } from '../time.js';

/** Named metrics of one run; asking twice for a name returns the same metric. */
export class MetricRegistry {
  readonly counters = new Map<string, Counter>();
  readonly gauges = new Map<string, Gauge>();
  readonly histograms = new Map<string, Histogram>();
  readonly downtimes = new Map<string, DowntimeTracker>();

  constructor(private readonly clock: { readonly now: Micros }) {}

  counter(name: string): Counter {
    return getOrMake(this.counters, name, () => new Counter(name));
  }

  gauge(name: string, initial = 0, keepSamples = false): Gauge {
    return getOrMake(this.gauges, name, () => new Gauge(name, initial, this.clock.now, keepSamples));
  }

  histogram(name: string): Histogram {
    return getOrMake(this.histograms, name, () => new Histogram(name));
  }

  downtime(name: string): DowntimeTracker {
    return getOrMake(this.downtimes, name, () => new DowntimeTracker(name));
  }
}

function getOrMake<T>(map: Map<string, T>, name: string, make: () => T): T {
  let m = map.get(name);
  if (m === undefined) map.set(name, (m = make()));
  return m;
}
