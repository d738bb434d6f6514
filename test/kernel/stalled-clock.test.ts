/** The stuck-clock guard: a run whose virtual time stops advancing stops with StalledClock after a bounded number of events at one instant. */
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_INSTANT, StalledClock } from '../../src/kernel/stalled-clock.js';
import { Simulation } from '../../src/kernel/simulation.js';

describe('stalled clock', () => {
  it('a zero-delay loop stops after exactly the limit of events at one instant, naming the callback', () => {
    const sim = new Simulation({ seed: 1, maxEventsPerInstant: 1000 });
    let calls = 0;
    sim.schedule(5, function spin() { calls++; sim.schedule(0, spin); });
    expect(() => sim.run()).toThrow(StalledClock);
    expect(calls).toBe(1000);
    expect(sim.now).toBe(5);
    expect(() => new Simulation({ seed: 1, maxEventsPerInstant: 10 }).run()).not.toThrow();
  });

  it('counts across run() calls at the same instant, and step() too', () => {
    const sim = new Simulation({ seed: 1, maxEventsPerInstant: 100 });
    sim.schedule(0, function spin() { sim.schedule(0, spin); });
    for (let i = 0; i < 100; i++) expect(sim.step()).toBe(true);
    expect(() => sim.step()).toThrow(/100 events at t=0\.000s without the clock moving, the last one in callback spin\(\)/);
  });

  it('the limit is per instant: many events spread over time never trip it', () => {
    const sim = new Simulation({ seed: 1, maxEventsPerInstant: 10 });
    let n = 0;
    sim.schedule(0, function tick() { if (++n < 10_000) sim.schedule(n % 5 === 0 ? 1 : 0, tick); });
    sim.run();
    expect(n).toBe(10_000);
  });

  it('a process that yields zero sleeps forever is named by its process name', () => {
    const sim = new Simulation({ seed: 1, maxEventsPerInstant: 50 });
    sim.process((function* busy() { for (;;) yield sim.sleep(0); })(), 'busy-loop');
    expect(() => sim.run(1_000_000)).toThrow(/process "busy-loop"/);
  });

  it('the default leaves room far above the built-in scenarios\' peak (62 events at one instant)', () => {
    expect(MAX_EVENTS_PER_INSTANT).toBeGreaterThanOrEqual(10_000 * 62);
  });
});
