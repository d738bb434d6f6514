import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Counter } from '../../src/kernel/metrics/counter.js';
import { DowntimeTracker } from '../../src/kernel/metrics/downtime.js';
import { Gauge } from '../../src/kernel/metrics/gauge.js';
import { Histogram } from '../../src/kernel/metrics/histogram.js';
import { MetricRegistry } from '../../src/kernel/metrics/registry.js';

function histogramOf(values: readonly number[]): Histogram {
  const h = new Histogram('h');
  for (const v of values) h.add(v);
  return h;
}

describe('Histogram', () => {
  it('nearest-rank percentiles on the textbook example', () => {
    const h = histogramOf([35, 20, 50, 15, 40]);
    expect(h.percentile(0)).toBe(15);
    expect(h.percentile(5)).toBe(15);
    expect(h.percentile(30)).toBe(20);
    expect(h.percentile(40)).toBe(20);
    expect(h.percentile(41)).toBe(35);
    expect(h.percentile(50)).toBe(35);
    expect(h.percentile(80)).toBe(40);
    expect(h.percentile(100)).toBe(50);
    expect(h.min()).toBe(15);
    expect(h.max()).toBe(50);
    expect(h.mean()).toBe(32);
    expect(h.count).toBe(5);
  });

  it('exact percentiles of 1..1000 added in scrambled order (beyond the initial buffer)', () => {
    const h = histogramOf(Array.from({ length: 1000 }, (_, i) => ((i * 617) % 1000) + 1));
    expect(h.count).toBe(1000);
    expect(h.percentile(50)).toBe(500);
    expect(h.percentile(90)).toBe(900);
    expect(h.percentile(99)).toBe(990);
    expect(h.percentile(99.9)).toBe(999);
    expect(h.percentile(99.95)).toBe(1000);
    expect(h.percentile(0.1)).toBe(1);
    expect(h.mean()).toBe(500.5);
  });

  it('sorts numerically (not as strings) and re-sorts after more values arrive', () => {
    const h = histogramOf([100, 9, 20]);
    expect(h.percentile(50)).toBe(20);
    h.add(1);
    h.add(1000);
    expect(h.min()).toBe(1);
    expect(h.percentile(60)).toBe(20);
    expect(h.max()).toBe(1000);
  });

  it('empty histogram gives NaN', () => {
    const h = new Histogram('empty');
    expect(h.percentile(50)).toBeNaN();
    expect(h.mean()).toBeNaN();
  });

  it('matches a reference nearest-rank implementation on random data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 600 }),
        fc.integer({ min: 0, max: 10_000 }), // q in hundredths of a percent, so the reference rank is exact
        (values, k) => {
          const sorted = [...values].sort((a, b) => a - b);
          const rank = Math.max(1, Math.ceil((k * sorted.length) / 10_000));
          expect(histogramOf(values).percentile(k / 100)).toBe(sorted[rank - 1]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Gauge', () => {
  it('time-weighted mean, min and max', () => {
    const g = new Gauge('replicas', 0, 0);
    g.set(10, 10);   // 0 for [0,10)
    g.set(4, 30);    // 10 for [10,30)
    // 4 for [30,40)
    expect(g.mean(40)).toBe((0 * 10 + 10 * 20 + 4 * 10) / 40);
    expect(g.min).toBe(0);
    expect(g.max).toBe(10);
    expect(g.value).toBe(4);
  });

  it('counts from its creation time, and a zero span gives the current value', () => {
    const g = new Gauge('lag', 3, 100);
    expect(g.mean(100)).toBe(3);
    g.set(7, 150);
    expect(g.mean(200)).toBe((3 * 50 + 7 * 50) / 100);
  });

  it('several changes at one instant count with zero weight', () => {
    const g = new Gauge('q', 0, 0);
    g.set(100, 5);
    g.set(1, 5);
    expect(g.mean(10)).toBe((0 * 5 + 1 * 5) / 10);
    expect(g.max).toBe(100);
  });

  it('keeps samples only when asked', () => {
    const g = new Gauge('s', 1, 0, true);
    g.set(2, 5);
    expect(g.samples).toEqual([{ t: 0, v: 1 }, { t: 5, v: 2 }]);
    expect(new Gauge('n', 1, 0).samples).toBeNull();
  });
});

describe('DowntimeTracker', () => {
  it('records windows; down and up are idempotent', () => {
    const d = new DowntimeTracker('writes');
    d.up(1); // up while up: nothing
    d.down(10);
    d.down(15); // already down: same window
    expect(d.isDown).toBe(true);
    d.up(20);
    d.up(25); // already up
    expect(d.isDown).toBe(false);
    d.down(30);
    expect(d.windows).toEqual([{ start: 10, end: 20 }, { start: 30, end: null }]);
    expect(d.total(50)).toBe(10 + 20);
    expect(d.longest(50)).toBe(20);
    expect(d.longest(35)).toBe(10);
    d.up(60);
    expect(d.total(1000)).toBe(10 + 30);
    expect(d.windows).toHaveLength(2);
  });

  it('no windows means no downtime', () => {
    const d = new DowntimeTracker('none');
    expect(d.total(100)).toBe(0);
    expect(d.longest(100)).toBe(0);
    expect(d.isDown).toBe(false);
  });
});

describe('Counter and MetricRegistry', () => {
  it('counter increments', () => {
    const c = new Counter('c');
    c.inc();
    c.inc(4);
    expect(c.value).toBe(5);
  });

  it('asking twice for a name returns the same metric; gauges start at the clock', () => {
    const clock = { now: 500 };
    const reg = new MetricRegistry(clock);
    expect(reg.counter('a')).toBe(reg.counter('a'));
    expect(reg.histogram('h')).toBe(reg.histogram('h'));
    expect(reg.downtime('d')).toBe(reg.downtime('d'));
    const g = reg.gauge('g', 2);
    expect(reg.gauge('g', 99)).toBe(g);
    expect(g.value).toBe(2);
    clock.now = 600;
    g.set(4, clock.now);
    expect(g.mean(700)).toBe((2 * 100 + 4 * 100) / 200); // span counted from 500
  });
});
