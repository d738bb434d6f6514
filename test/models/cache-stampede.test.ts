import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation } from '../../src/kernel/index.js';
import type { TraceRecord } from '../../src/kernel/trace.js';
import { CachedComputation, type ReadPath } from '../../models/cache/cached-computation.js';
import { coalescersFor, type CoalesceScope } from '../../models/cache/coalesce-wiring.js';
import type { Coalescer, ComputeFn } from '../../models/cache/coalescer.js';
import { SeedCoalescer } from '../../models/cache/seed-coalescer.js';
import { Singleflight } from '../../models/cache/singleflight.js';
import { TtlStore } from '../../models/cache/ttl-store.js';
import { GenericService } from '../../models/service/service.js';

/** `processes` read paths over one shared cache, the key stored at 0 with TTL 1 s and read at 2 s (expired). */
function world(scope: CoalesceScope, processes: number, opts: { fail?: boolean; make?: (sim: Simulation, i: number) => Coalescer<number> } = {}) {
  const sim = new Simulation({ seed: 3 }), store = new TtlStore<number>();
  let version = 0;
  const compute: ComputeFn<number> = (_key, done) => { sim.schedule(ms(100), () => (opts.fail ? done(false, undefined) : done(true, ++version))); };
  let made = 0;
  const make = () => opts.make?.(sim, made++) ?? new Singleflight<number>();
  const paths = coalescersFor<number>(scope, processes, make).map((c, i) => new CachedComputation(sim, `api-${i}`, store, compute, c, { ttlMs: 60_000 }));
  store.set('model:7', 0, ms(100), 0, sec(1));
  const answers: { ok: boolean; value: number | undefined; at: number }[] = [];
  const paths_: ReadPath[] = [];
  for (const p of paths) p.answered.add((path) => paths_.push(path));
  sim.run(sec(2));
  return { sim, store, paths, answers, readPaths: paths_, readAll(n: number) {
    for (let i = 0; i < n; i++) paths[i % processes]!.read('model:7', (ok, value) => answers.push({ ok, value, at: sim.now }));
  } };
}
const sum = (paths: CachedComputation<number>[], f: (p: CachedComputation<number>) => number) => paths.reduce((a, p) => a + f(p), 0);

describe('stampede: 1,000 concurrent reads of an expired key (compute 100 ms)', () => {
  for (const [scope, processes, expected] of [['none', 4, 1000], ['per-process', 4, 4], ['shared', 4, 1], ['shared', 1, 1]] as const) {
    it(`coalesce ${scope}, ${processes} processes -> ${expected} computations`, () => {
      const w = world(scope, processes);
      w.readAll(1000);
      expect(sum(w.paths, (p) => p.inFlight)).toBe(expected);
      w.sim.run();
      expect(sum(w.paths, (p) => p.computations)).toBe(expected);
      expect(sum(w.paths, (p) => p.misses)).toBe(1000);
      expect(sum(w.paths, (p) => p.waiters)).toBe(1000 - expected);
      expect(w.answers).toHaveLength(1000);
      expect(w.answers.every((a) => a.ok && a.at === sec(2) + ms(100))).toBe(true);
      expect(new Set(w.answers.map((a) => a.value)).size).toBe(expected);
      expect(w.readPaths.filter((p) => p === 'joined')).toHaveLength(1000 - expected);
      expect(Math.max(...w.paths.map((p) => p.peakInFlight))).toBe(scope === 'none' ? 250 : 1);
      // stored with the TTL and delta = 100 ms: the next read hits.
      expect(w.store.get('model:7', w.sim.now)).toEqual({ value: expected, deltaUs: ms(100), expiresAt: w.sim.now + sec(60) });
      w.readAll(1);
      expect(w.paths[0]!.hits).toBe(1);
    });
  }

  it('seed coalescer, leader fails, 4 processes: 4 errors answered, 996 reads hang for ever', () => {
    const records: TraceRecord[] = [];
    const w = world('per-process', 4, { fail: true, make: (sim, i) => new SeedCoalescer<number>(sim, `api-${i}`, 'hang-waiters') });
    w.sim.trace.addSink({ record: (r) => records.push(r) });
    w.readAll(1000);
    w.sim.run();
    expect(w.answers).toHaveLength(4);
    expect(w.answers.every((a) => !a.ok)).toBe(true);
    expect([sum(w.paths, (p) => p.hungWaiters), sum(w.paths, (p) => p.waitingNow), sum(w.paths, (p) => p.computationsFailed)]).toEqual([996, 996, 4]);
    expect(records.map((r) => r.kind)).toEqual(['waiters-hung', 'waiters-hung', 'waiters-hung', 'waiters-hung']);
  });

  it('singleflight, leader fails: all 1,000 hear the error at once, none hangs', () => {
    const w = world('shared', 4, { fail: true });
    w.readAll(1000);
    w.sim.run();
    expect(w.answers.filter((a) => !a.ok && a.at === sec(2) + ms(100))).toHaveLength(1000);
    expect([sum(w.paths, (p) => p.hungWaiters), sum(w.paths, (p) => p.waitingNow)]).toEqual([0, 0]);
  });

  it('xfetch on hits: a background refresh is started while the old value is served (delta 100 ms, reads every 10 ms)', () => {
    const sim = new Simulation({ seed: 9 }), store = new TtlStore<number>();
    let n = 0;
    const compute: ComputeFn<number> = (_k, done) => { sim.schedule(ms(100), () => done(true, ++n)); };
    const path = new CachedComputation(sim, 'api-0', store, compute, new Singleflight<number>(), { ttlMs: 10_000, earlyExpiry: 'xfetch' });
    store.set('k', 0, ms(100), 0, sec(10));
    const served: number[] = [];
    for (let t = 0; t < sec(12); t += ms(10)) sim.at(t, () => path.read('k', (_ok, v) => served.push(v!)));
    sim.run();
    // Every read is a hit (the refresh lands before expiry), a refresh started, and the new value is served.
    expect([path.misses, path.hits]).toEqual([0, 1200]);
    expect(path.earlyRefreshes).toBeGreaterThanOrEqual(1);
    expect(path.computations).toBeGreaterThanOrEqual(1);
    expect(served[0]).toBe(0);
    expect(served[served.length - 1]).toBeGreaterThanOrEqual(1);
  });

  it('compute routed to a GenericService: no coalescing OOM-kills it, shared coalescing does not', () => {
    const run = (scope: CoalesceScope) => {
      const sim = new Simulation({ seed: 5 }), store = new TtlStore<number>();
      const model = new GenericService(sim, 'inference', { workers: 4, serviceTimeMs: 50, serviceTimeDistribution: 'constant', memoryPerRequestBytes: 50e6, memoryLimitBytes: 4e9 });
      const compute: ComputeFn<number> = (_k, done) => { model.arrive({ answer: (reply) => done(reply === 'ok', 1) }); };
      const paths = coalescersFor<number>(scope, 4, () => new Singleflight<number>()).map((c, i) => new CachedComputation(sim, `api-${i}`, store, compute, c));
      let failed = 0;
      for (let i = 0; i < 1000; i++) paths[i % 4]!.read('k', (ok) => { if (!ok) failed++; });
      sim.run(sec(5));
      return { oom: model.oomKills, failed, peak: model.peakInFlight };
    };
    expect(run('none')).toEqual({ oom: 1, failed: 1000, peak: 81 });
    expect(run('shared')).toEqual({ oom: 0, failed: 0, peak: 1 });
  });
});
