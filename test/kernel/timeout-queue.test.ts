import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/simulation.js';
import { StateHistory } from '../../src/kernel/state-history.js';
import { TimeoutQueue } from '../../src/kernel/timeout-queue.js';

interface Req { id: number; answered: boolean; expiredAt?: number }

function setup(delay: number) {
  const sim = new Simulation({ seed: 1 });
  const expired: Req[] = [];
  const q = new TimeoutQueue<Req>(sim, delay, (r) => !r.answered, (r) => { r.expiredAt = sim.now; expired.push(r); });
  return { sim, q, expired };
}

describe('TimeoutQueue: one timer for timeouts of equal length', () => {
  it('expires each unanswered item at exactly its start + delay, and never an answered one', () => {
    const { sim, q, expired } = setup(5000);
    const reqs: Req[] = [];
    for (let i = 0; i < 10; i++) sim.schedule(i * 700, () => { const r = { id: i, answered: false }; reqs.push(r); q.start(r); });
    // Every even request is answered 100 µs after it starts.
    for (let i = 0; i < 10; i += 2) sim.schedule(i * 700 + 100, () => { reqs[i]!.answered = true; });
    sim.run();
    expect(expired.map((r) => r.id)).toEqual([1, 3, 5, 7, 9]);
    for (const r of expired) expect(r.expiredAt).toBe(r.id * 700 + 5000);
  });

  it('costs about one event per timeout length when every request is answered in time, not one per request', () => {
    const { sim, q, expired } = setup(5000);
    for (let i = 0; i < 1000; i++) sim.schedule(i * 100, () => {
      const r = { id: i, answered: false };
      const ticket = q.start(r);
      sim.schedule(50, () => { r.answered = true; if (i % 2 === 0) q.settle(ticket); });
    });
    sim.run();
    expect(expired).toEqual([]);
    // 1000 starts + 1000 answers; the timer fired only a handful of times over 100 ms.
    expect(sim.eventCount - 2000).toBeLessThanOrEqual(25);
    expect(q.size).toBe(0);
  });

  it('an item started by an expiry callback gets its own full timeout', () => {
    const sim = new Simulation({ seed: 1 });
    const times: number[] = [];
    let n = 0;
    const q: TimeoutQueue<number> = new TimeoutQueue<number>(sim, 1000, () => true, () => { times.push(sim.now); if (++n < 3) q.start(n); });
    q.start(0);
    sim.run();
    expect(times).toEqual([1000, 2000, 3000]);
  });
});

describe('StateHistory', () => {
  it('answers the value in effect at an instant; a change at t is in effect at t', () => {
    const h = new StateHistory<string>('replica');
    h.set(100, 'primary');
    h.set(250, 'down');
    expect([h.at(0), h.at(99), h.at(100), h.at(249), h.at(250), h.at(1e9)]).toEqual(['replica', 'replica', 'primary', 'primary', 'down', 'down']);
    expect(h.changedAt).toBe(250);
    expect(() => h.set(200, 'replica')).toThrow(/before the last one/);
  });
});

describe('FaultInjector.nextAt', () => {
  it('gives the next scheduled fault per target, and moves on as faults are delivered', () => {
    const sim = new Simulation({ seed: 1 });
    sim.faults.on('network', 'heal', () => {});
    sim.faults.on('pg-0', 'crash', () => {});
    sim.faults.schedule([{ at: 300, target: 'network', kind: 'heal' }, { at: 100, target: 'network', kind: 'heal' }, { at: 200, target: 'pg-0', kind: 'crash' }]);
    expect(sim.faults.nextAt('network')).toBe(100);
    expect(sim.faults.nextAt('pg-0')).toBe(200);
    expect(sim.faults.nextAt('etcd')).toBe(Infinity);
    sim.run(150);
    expect(sim.faults.nextAt('network')).toBe(300);
    sim.run();
    expect(sim.faults.nextAt('network')).toBe(Infinity);
  });
});
