import { describe, expect, it } from 'vitest';
import { Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { ms, sec } from '../../src/kernel/time.js';
import type { BreakerRecord } from '../../models/breaker/breaker-events.js';
import { BREAKER_KINDS, createBreaker, isBreakerKind } from '../../models/breaker/breaker-switch.js';
import { GOBREAKER_DEFAULTS, type ConsecutiveBreaker } from '../../models/breaker/consecutive-breaker.js';
import type { CountWindowBreaker } from '../../models/breaker/count-window-breaker.js';
import type { OpossumBreaker } from '../../models/breaker/opossum-breaker.js';
import { traceBreaker } from '../../models/breaker/traced-breaker.js';

describe('createBreaker', () => {
  it('builds every kind with its library defaults; none is null; an unknown kind is refused', () => {
    expect(BREAKER_KINDS).toEqual(['none', 'consecutive', 'count-window', 'time-window', 'opossum', 'count-in-window']);
    expect(createBreaker('none')).toBeNull();
    for (const kind of BREAKER_KINDS.filter((k) => k !== 'none')) expect(createBreaker(kind)!.kind).toBe(kind);
    expect((createBreaker('consecutive') as ConsecutiveBreaker).options).toMatchObject(GOBREAKER_DEFAULTS);
    expect(() => createBreaker('hystrix' as never)).toThrow(/unknown breaker kind 'hystrix'/);
    expect([isBreakerKind('opossum'), isBreakerKind('polly')]).toEqual([true, false]);
  });

  it('openMs sets each library\'s own open spell; the library\'s own name, when given, wins', () => {
    expect((createBreaker('opossum', { openMs: 5000 }) as OpossumBreaker).options.resetAfterMs).toBe(5000);
    expect((createBreaker('count-window', { openMs: 5000 }) as CountWindowBreaker).options.waitDurationInOpenStateMs).toBe(5000);
    expect((createBreaker('consecutive', { openMs: 5000 }) as ConsecutiveBreaker).options.openMs).toBe(5000);
    expect((createBreaker('opossum', { openMs: 5000, resetAfterMs: 7000 }) as OpossumBreaker).options.resetAfterMs).toBe(7000);
  });

  it('createdAtUs is the phase of opossum\'s buckets', () => {
    const late = createBreaker('opossum', {}, ms(500)) as OpossumBreaker;
    late.tryAcquire(ms(600));
    expect(late.stats(sec(10.4)).fires).toBe(1); // buckets turn at 0.5 s, 1.5 s, ...: 0.6 s is in the 0.5-1.5 s bucket
    expect(late.stats(sec(10.5)).fires).toBe(0);
  });
});

function traced(kind: Parameters<typeof createBreaker>[0], overrides = {}) {
  const sim = new Simulation({ seed: 1 });
  const records: BreakerRecord[] = [];
  sim.trace.addSink({ record: (rec: TraceRecord) => { if (rec.source === 'breaker/db') records.push(rec as BreakerRecord); } });
  const cb = traceBreaker(sim, 'breaker/db', createBreaker(kind, overrides, sim.now)!);
  return { sim, cb, records };
}

describe('traceBreaker', () => {
  it('opossum: the open -> half-open timer is traced at its instant with no call; rejections as the 1st, 10th, ...', () => {
    const { sim, cb, records } = traced('opossum');
    sim.at(sec(1), () => { cb.tryAcquire(sim.now); cb.onFailure(sim.now, 0); });
    for (let i = 0; i < 25; i++) sim.at(sec(2) + ms(100 * i), () => cb.tryAcquire(sim.now));
    sim.run();
    expect(records.map((r) => [r.t, r.kind, r.data])).toEqual([
      [sec(1), 'transition', { from: 'closed', to: 'open', reason: 'error rate 100% > 50% (1 of 1 fires)' }],
      [sec(2), 'rejected', { state: 'open', count: 1 }],
      [sec(2.9), 'rejected', { state: 'open', count: 10 }],
      [sec(31), 'transition', { from: 'open', to: 'half-open', reason: 'reset time-out 30000 ms elapsed' }],
    ]);
    expect(sim.now).toBe(sec(31));
  });

  it('a failed probe re-opens and the wake-up moves to the new end of the wait', () => {
    const { sim, cb, records } = traced('opossum', { openMs: 10_000 });
    sim.at(0, () => { cb.tryAcquire(0); cb.onFailure(0, 0); });
    sim.at(sec(12), () => { cb.tryAcquire(sim.now); cb.onFailure(sim.now, 0); });
    sim.run();
    expect(records.filter((r) => r.kind === 'transition').map((r) => [r.t, r.data.to])).toEqual([
      [0, 'open'], [sec(10), 'half-open'], [sec(12), 'open'], [sec(22), 'half-open'],
    ]);
  });

  it('gobreaker: half-open traced 1 µs after the 60 s (expiry.Before(now)); resilience4j without automatic transition: no wake-up', () => {
    const g = traced('consecutive', { failureThreshold: 1 });
    g.sim.at(0, () => { g.cb.tryAcquire(0); g.cb.onFailure(0, 0); });
    g.sim.run();
    expect(g.records.map((r) => [r.t, r.kind === 'transition' ? r.data.to : r.kind])).toEqual([[0, 'open'], [sec(60) + 1, 'half-open']]);
    const r = traced('count-window', { slidingWindowSize: 1 });
    r.sim.at(0, () => { r.cb.tryAcquire(0); r.cb.onFailure(0, 0); });
    r.sim.run();
    expect(r.sim.peek()).toBe(Infinity);
    expect(r.records.map((x) => x.kind === 'transition' && x.data.to)).toEqual(['open']);
    expect(r.cb.state(sec(120))).toBe('open'); // until a call asks
  });

  it('resilience4j with the automatic transition: re-forced open while open, the half-open is still traced at the new end of the wait', () => {
    const { sim, cb, records } = traced('count-window', { slidingWindowSize: 1, automaticTransitionFromOpenToHalfOpenEnabled: true, openMs: 10_000 });
    sim.at(0, () => { cb.tryAcquire(0); cb.onFailure(0, 0); });
    sim.at(sec(4), () => (cb as unknown as CountWindowBreaker).transitionToOpenState(sim.now)); // open already: no transition, a new wait
    sim.run();
    expect(records.map((r) => [r.t, r.kind === 'transition' && r.data.to])).toEqual([[0, 'open'], [sec(14), 'half-open']]);
  });

  it('an onTransition of the caller still hears every transition', () => {
    const heard: string[] = [];
    const { sim, cb } = traced('count-in-window', { failureThreshold: 1, openMs: 1000, onTransition: (t: { to: string }) => heard.push(t.to) });
    sim.at(0, () => { cb.tryAcquire(0); cb.onFailure(0, 0); });
    sim.run();
    expect(heard).toEqual(['open', 'half-open']);
  });
});
