import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { BlockingDetector } from '../../models/event-loop/blocking-detector.js';
import { EventLoopServer } from '../../models/event-loop/event-loop-server.js';
import type { ServiceReply } from '../../models/service/service.js';

function recorded(sim: Simulation) {
  const recs: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => recs.push(rec) });
  return recs;
}

describe('blocking detector', () => {
  it("asyncio counts dt >= slow_callback_duration; the seed's middleware counts duration > 0.1 (CPython base_events.py _run_once)", () => {
    const sim = new Simulation({ seed: 1 });
    const asyncio = new BlockingDetector(sim, 'loop', { measure: 'callback' });
    const middleware = new BlockingDetector(sim, 'mw', { measure: 'request' });
    for (const d of [ms(99.999), ms(100), ms(100.001)]) { asyncio.observe(d); middleware.observe(d); }
    expect([asyncio.count, middleware.count]).toEqual([2, 1]);
    expect(asyncio.slowUs).toBe(ms(100) + ms(100.001));
  });

  it('one record per burst: the first slow callback, then a summary after 1 s without one', () => {
    const sim = new Simulation({ seed: 1 });
    const recs = recorded(sim);
    const d = new BlockingDetector(sim, 'loop');
    for (const t of [0, 300, 600, 2500]) sim.at(ms(t), () => d.observe(ms(150 + t / 10)));
    sim.run();
    expect(recs.map((r) => [r.t / 1000, r.kind, r.data])).toEqual([
      [0, 'blocking', { measure: 'callback', durationMs: 150, thresholdMs: 100 }],
      [1600, 'blocking-ended', { measure: 'callback', count: 3, maxMs: 210, totalMs: 150 + 180 + 210 }],
      [2500, 'blocking', { measure: 'callback', durationMs: 400, thresholdMs: 100 }],
      [3500, 'blocking-ended', { measure: 'callback', count: 1, maxMs: 400, totalMs: 400 }],
    ]);
    expect(d.count).toBe(4);
  });

  it('on a server: inference on the loop flags each 200 ms callback; offloaded, asyncio sees nothing but the middleware still flags the slow requests', () => {
    function run(offload: 'off' | 'thread-pool') {
      const sim = new Simulation({ seed: 3 });
      const server = new EventLoopServer(sim, 'api', { inference: { kind: 'constant', ms: 200 }, inferenceFraction: 0.01, offload });
      const cb = new BlockingDetector(sim, 'asyncio', { measure: 'callback' });
      const mw = new BlockingDetector(sim, 'middleware', { measure: 'request' });
      server.detectSlowCallbacks(cb);
      server.detectSlowRequests(mw);
      const rng = sim.rng('arrivals');
      const next = (): void => { if (sim.now < sec(60)) { server.arrive({ answer: () => {} }); sim.schedule(rng.exponential(ms(5)), next); } };
      sim.schedule(0, next);
      sim.run();
      return { server, cb, mw };
    }
    const blocked = run('off'), offloaded = run('thread-pool');
    const inferences = blocked.cb.count;
    expect(inferences).toBeGreaterThan(80); // ≈ 1 % of 12,000
    expect(inferences).toBeLessThan(160);
    expect(blocked.mw.count).toBe(inferences); // the coroutine's duration is that one callback
    expect(blocked.cb.slowUs).toBe(inferences * ms(200.5));
    expect(offloaded.cb.count).toBe(0);
    expect(offloaded.mw.count).toBeGreaterThan(80); // a "blocking" warning for work that blocked nothing
  });
});

describe('event-loop server lifecycle and admission', () => {
  function answers(sim: Simulation) {
    const got: [number, ServiceReply][] = [];
    return { got, call: () => ({ answer: (r: ServiceReply) => { got.push([sim.now, r]); } }) };
  }

  it('crash resets every request it holds (running, queued, in the pool); refused while down; serves after restart', () => {
    const sim = new Simulation({ seed: 1 });
    const server = new EventLoopServer(sim, 'api', { inference: { kind: 'constant', ms: 100 }, offload: 'off' });
    const { got, call } = answers(sim);
    for (let i = 0; i < 3; i++) server.arrive(call());
    sim.faults.schedule([{ at: ms(150), target: 'api', kind: 'crash', params: { restartAfterMs: 1000 } }]);
    sim.at(ms(500), () => server.arrive(call()));
    sim.at(ms(1200), () => server.arrive(call()));
    sim.run();
    expect(got).toEqual([[ms(100.5), 'ok'], [ms(150), 'reset'], [ms(150), 'reset'], [ms(500), 'refused'], [ms(1300.5), 'ok']]);
    expect([server.served, server.resets, server.refused, server.loopBacklog, server.appInFlight]).toEqual([2, 2, 1, 0, 0]);
  });

  it('hang freezes the loop mid-callback: nothing answers, arrivals wait in the backlog; a restart resets them all', () => {
    const sim = new Simulation({ seed: 1 });
    const server = new EventLoopServer(sim, 'api', { inference: { kind: 'constant', ms: 100 }, offload: 'off' });
    const { got, call } = answers(sim);
    server.arrive(call());
    sim.faults.schedule([{ at: ms(50), target: 'api', kind: 'hang' }, { at: ms(5000), target: 'api', kind: 'restart' }]);
    sim.at(ms(60), () => server.arrive(call()));
    sim.at(ms(70), () => expect(server.readVersion(call())).toBe('hung'));
    sim.at(ms(4000), () => expect([got.length, server.loopBacklog, server.appInFlight]).toEqual([0, 1, 1]));
    sim.at(ms(5100), () => server.arrive(call()));
    sim.run();
    expect(got).toEqual([[ms(5000), 'reset'], [ms(5000), 'reset'], [ms(5200.5), 'ok']]);
  });

  it('limitConcurrency: 503 once that many coroutines are in the app; the backlog bounds what waits for the loop', () => {
    const sim = new Simulation({ seed: 1 });
    const server = new EventLoopServer(sim, 'api', { inference: { kind: 'constant', ms: 100 }, offload: 'process-pool', workers: 1, limitConcurrency: 2, backlog: 3 });
    const { got, call } = answers(sim);
    // The first starts at once; the next three wait for the loop (backlog 3); the 5th SYN is dropped.
    const reached = [0, 1, 2, 3, 4].map(() => server.arrive(call()));
    expect(reached).toEqual([true, true, true, true, false]);
    expect(server.loopBacklog).toBe(3);
    sim.run();
    // #1 and #2 are in the app (awaiting the one process) when #3 and #4 start: 503 after their 0.25 ms parse.
    expect(server.overloaded).toBe(2);
    expect(got).toEqual([[ms(0.75), 'overloaded'], [ms(1), 'overloaded'], [ms(100.5), 'ok'], [ms(200.5), 'ok']]);
    expect(server.dropped).toBe(1);
  });
});
