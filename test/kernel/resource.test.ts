import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/kernel/event.js';
import { Resource } from '../../src/kernel/resources/resource.js';
import { Simulation } from '../../src/kernel/simulation.js';

describe('Resource', () => {
  it('grants up to capacity at once, then first come first served', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, 2);
    const log: string[] = [];
    const user = (name: string, arriveAt: number, hold: number) => sim.process((function* () {
      yield sim.sleep(arriveAt);
      yield res.request();
      log.push(`${sim.now} ${name} got`);
      yield sim.sleep(hold);
      res.release();
    })());
    user('a', 0, 10);
    user('b', 1, 10);
    user('c', 2, 5); // waits for a (t=10)
    user('d', 3, 5); // waits for b (t=11)
    user('e', 3, 1); // waits for c (t=15)
    sim.run();
    expect(log).toEqual(['0 a got', '1 b got', '10 c got', '11 d got', '15 e got']);
    expect(res.inUse).toBe(0);
    expect(res.queueLength).toBe(0);
  });

  it('an immediately grantable request is already processed (no queue trip)', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, 1);
    const r1 = res.request();
    expect(r1.processed).toBe(true);
    expect(res.inUse).toBe(1);
    const r2 = res.request();
    expect(r2.triggered).toBe(false);
    expect(res.queueLength).toBe(1);
    res.release(); // hands the unit to r2 directly
    expect(res.inUse).toBe(1);
    expect(r2.triggered).toBe(true);
    res.release();
    expect(res.inUse).toBe(0);
    expect(() => res.release()).toThrow(/released more often/);
  });

  it('a unit handed to a waiter is not taken by a request arriving in the same instant', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, 1);
    res.request();
    const waiter = res.request();
    res.release();
    const late = res.request();
    expect(waiter.triggered).toBe(true);
    expect(late.triggered).toBe(false);
    expect(res.queueLength).toBe(1);
  });

  it('cancel withdraws a waiting request', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, 1);
    res.request();
    const gaveUp = res.request();
    const next = res.request();
    res.cancel(gaveUp);
    expect(res.queueLength).toBe(1);
    res.release();
    expect(gaveUp.triggered).toBe(false);
    expect(next.triggered).toBe(true);
  });

  it('stays FIFO over thousands of waiters, with cancels before and after queue compaction', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, 1);
    res.request();
    const reqs: Event<void>[] = [];
    for (let i = 0; i < 5000; i++) reqs.push(res.request());
    const early = [0, 1, 4999], late = [2047, 4000];
    for (const c of early) res.cancel(reqs[c]!);
    const expected = reqs.map((_, i) => i).filter((i) => !early.includes(i) && !late.includes(i));
    for (let k = 0; k < expected.length; k++) {
      if (k === 1500) for (const c of late) res.cancel(reqs[c]!); // the waiting list has been compacted by now
      res.release();
      expect(reqs[expected[k]!]!.triggered).toBe(true);
      if (k + 1 < expected.length) expect(reqs[expected[k + 1]!]!.triggered).toBe(false);
    }
    expect(res.queueLength).toBe(0);
    for (const c of [...early, ...late]) expect(reqs[c]!.triggered).toBe(false);
    expect(res.inUse).toBe(1);
  });

  it('release(req) in a finally frees the unit of a process killed while holding it, and the place of one killed while waiting', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, 1);
    const got: string[] = [];
    const user = (name: string, hold: number) => sim.process((function* () {
      const req = res.request();
      try {
        yield req;
        got.push(`${sim.now} ${name}`);
        yield sim.sleep(hold);
      } finally {
        res.release(req);
      }
    })(), name);
    const holder = user('holder', 100);
    const waiter = user('waiter', 10);
    const last = user('last', 10);
    sim.schedule(5, () => waiter.kill('crash')); // still in line behind holder
    sim.schedule(20, () => holder.kill('crash')); // holding the only unit
    sim.run();
    expect(got).toEqual(['0 holder', '20 last']);
    expect(last.ok).toBe(true);
    expect(res.inUse).toBe(0);
    expect(res.queueLength).toBe(0);
  });

  it('without the request, release still gives back a unit (and still refuses one too many)', () => {
    const sim = new Simulation({ seed: 1 });
    const res = new Resource(sim, 1);
    const req = res.request();
    res.release(req);
    expect(res.inUse).toBe(0);
    expect(() => res.release()).toThrow(/released more often/);
  });
});
