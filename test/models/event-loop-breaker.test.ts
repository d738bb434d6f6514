import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { EventLoopServer } from '../../models/event-loop/event-loop-server.js';
import type { EventLoopOptions } from '../../models/event-loop/event-loop-options.js';
import { QueueDepthBreaker } from '../../models/event-loop/queue-depth-breaker.js';

describe("seed 000-C InferenceCircuitBreaker, as coded (pure)", () => {
  it('admits 50 in flight; the 51st call trips it (queue_depth >= max_queue) and is refused', () => {
    const b = new QueueDepthBreaker();
    for (let i = 0; i < 50; i++) expect(b.enter(0)).toBe('admit');
    expect(b.depth).toBe(50);
    expect(b.enter(sec(1))).toBe('tripped');
    expect(b.trippedAt).toBe(sec(1));
    expect(b.depth).toBe(50); // a refused call never entered
    expect([b.trips, b.rejected]).toEqual([1, 1]);
  });

  it('stays open for 30 s even when the depth has fallen to 0, then closes directly (no half-open probe)', () => {
    const b = new QueueDepthBreaker();
    for (let i = 0; i < 50; i++) b.enter(0);
    b.enter(0);
    for (let i = 0; i < 50; i++) b.exit();
    expect(b.enter(sec(29.999999))).toBe('open');
    expect(b.isOpen(sec(29.999999))).toBe(true);
    // now - tripped_at < cooldown is false at exactly 30 s: closed, and every call goes through at once.
    for (let i = 0; i < 50; i++) expect(b.enter(sec(30))).toBe('admit');
    expect(b.trippedAt).toBe(-1);
    expect(b.rejected).toBe(2);
  });

  it('closing with the depth still at 50 trips again on the next call (the depth check follows is_open)', () => {
    const b = new QueueDepthBreaker({ maxQueueDepth: 50, cooldownSeconds: 30 });
    for (let i = 0; i < 50; i++) b.enter(0);
    expect(b.enter(0)).toBe('tripped');
    expect(b.enter(sec(30))).toBe('tripped');
    expect(b.trippedAt).toBe(sec(30));
    expect(b.trips).toBe(2);
  });

  it('property: depth never exceeds max; open exactly while now − trippedAt < cooldown', () => {
    const op = fc.oneof(fc.constant('enter' as const), fc.constant('exit' as const), fc.integer({ min: 1, max: 20_000 }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 10 }), fc.array(op, { maxLength: 200 }), (max, cooldownS, ops) => {
      const b = new QueueDepthBreaker({ maxQueueDepth: max, cooldownSeconds: cooldownS });
      let now = 0, trippedAt = -1;
      for (const o of ops) {
        if (typeof o === 'number') { now += o * 1000; continue; }
        if (o === 'exit') { if (b.depth > 0) b.exit(); continue; }
        const wasOpen = trippedAt >= 0 && now - trippedAt < sec(cooldownS);
        const depth = b.depth;
        const v = b.enter(now);
        if (wasOpen) expect(v).toBe('open');
        else if (depth >= max) { expect(v).toBe('tripped'); trippedAt = now; }
        else expect(v).toBe('admit');
        expect(b.depth).toBeLessThanOrEqual(max);
      }
    }), { numRuns: 100 });
  });
});

/** A server guarded by the breaker under Poisson load; trace records of kind breaker-tripped. */
function guarded(o: Partial<EventLoopOptions>, ratePerSec: number, seconds: number) {
  const sim = new Simulation({ seed: 42 });
  const server = new EventLoopServer(sim, 'api', o);
  const breaker = new QueueDepthBreaker();
  server.guardWith(breaker);
  const trips: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => { if (rec.kind === 'breaker-tripped') trips.push(rec); } });
  let peakBacklog = 0, peakDepth = 0;
  const rng = sim.rng('arrivals');
  const call = { answer: () => {} };
  const next = (): void => {
    if (sim.now >= sec(seconds)) return;
    server.arrive(call);
    peakBacklog = Math.max(peakBacklog, server.loopBacklog);
    peakDepth = Math.max(peakDepth, breaker.depth);
    sim.schedule(rng.exponential(1e6 / ratePerSec), next);
  };
  sim.schedule(0, next);
  sim.run(sec(seconds));
  return { server, breaker, trips, peakBacklog, peakDepth };
}

describe('the breaker on an event-loop server: what it sees and what it does not', () => {
  it('offloaded to a GIL-bound thread pool that cannot keep up: coroutines pile up, depth reaches 50, it trips and opens 30 s', () => {
    // 20 req/s × 100 ms of inference on one effective core: the pool does 10/s, awaiting coroutines accumulate.
    const { server, breaker, trips } = guarded({ inference: { kind: 'constant', ms: 100 }, offload: 'thread-pool', cpuCores: 1 }, 20, 70);
    expect(trips.length).toBeGreaterThanOrEqual(1);
    expect(trips[0]!.data).toMatchObject({ appInFlight: 50 });
    expect(server.peakAppInFlight).toBe(50);
    // Open 30 s: everything that reaches the app in that window is refused (about 20/s × 30 s).
    expect(server.breakerRejected).toBeGreaterThan(400);
    // Trips are at least the cooldown apart: it never re-trips while open.
    for (let i = 1; i < trips.length; i++) expect(trips[i]!.t - trips[i - 1]!.t).toBeGreaterThanOrEqual(sec(30));
    expect(breaker.trips).toBe(trips.length);
  });

  it('the blind spot: inference on the loop (offload off): the backlog runs into the hundreds, the app never holds more than 1, no trip', () => {
    // 50 req/s × 100 ms on the loop: 5× its capacity.
    const { server, breaker, trips, peakBacklog, peakDepth } = guarded({ inference: { kind: 'constant', ms: 100 }, offload: 'off' }, 50, 20);
    expect(peakBacklog).toBeGreaterThan(700);
    expect(server.loopBacklog).toBeGreaterThan(700);
    expect(peakDepth).toBeLessThanOrEqual(1);
    expect(server.peakAppInFlight).toBe(1);
    expect(breaker.trips).toBe(0);
    expect(trips).toEqual([]);
    expect(server.breakerRejected).toBe(0);
  });
});
