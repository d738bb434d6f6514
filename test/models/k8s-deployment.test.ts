import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, sec, type TraceRecord } from '../../src/kernel/index.js';
import { Deployment, type Replica, type ReplicaFactory } from '../../models/k8s/deployment.js';
import { newRsTarget, oldRsTargets, resolveFenceposts } from '../../models/k8s/rollout.js';

/** A pod that turns Ready `readyAfterS[template]` seconds after creation (never if absent). */
class FakePod implements Replica {
  ready = false;
  terminated = false;
  private readonly hooks: ((r: boolean) => void)[] = [];
  constructor(readonly name: string, readonly revision: number, readonly template: string) {}
  onReadyChange(cb: (ready: boolean) => void): void { this.hooks.push(cb); }
  setReady(r: boolean): void { if (this.terminated || this.ready === r) return; this.ready = r; for (const h of this.hooks) h(r); }
  terminate(): void { this.terminated = true; this.ready = false; }
}

function world(readyAfterS: Record<string, number>, replicas: number, opts: { maxSurge?: number | `${number}%`; maxUnavailable?: number | `${number}%` } = {}) {
  const sim = new Simulation({ seed: 1 });
  const recs: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => { recs.push(r); } });
  const created: FakePod[] = [];
  const factory: ReplicaFactory<string> = {
    create(name, revision, template) {
      const pod = new FakePod(name, revision, template);
      created.push(pod);
      const after = readyAfterS[template];
      if (after !== undefined) sim.schedule(sec(after), () => pod.setReady(true));
      return pod;
    },
  };
  const d = new Deployment(sim, 'api', factory, 'v1', { replicas, ...opts });
  const live = () => created.filter((p) => !p.terminated);
  const summary = () => ({ total: live().length, available: live().filter((p) => p.ready).length, byTemplate: Object.fromEntries(['v1', 'v2', 'v3'].map((t) => [t, live().filter((p) => p.template === t).length]).filter(([, n]) => n !== 0)) });
  return { sim, recs, d, created, live, summary };
}

describe('rolling-update arithmetic (deployment_util.go ResolveFenceposts, rolling.go)', () => {
  it('surge rounds up, unavailable down; both 0 resolve to unavailable 1; both specified 0 is invalid', () => {
    expect(resolveFenceposts('25%', '25%', 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts('25%', 0, 10)).toEqual({ surge: 3, unavailable: 0 });
    expect(resolveFenceposts(0, '25%', 3)).toEqual({ surge: 0, unavailable: 1 });
    expect(() => resolveFenceposts(0, '0%', 4)).toThrow(/may not be 0/);
  });

  it('the new ReplicaSet grows within replicas + surge; old ones shrink while replicas - unavailable stay available, unhealthy first', () => {
    expect(newRsTarget(4, 1, 4, 0)).toBe(1);
    expect(newRsTarget(4, 1, 5, 1)).toBe(1);
    expect(newRsTarget(4, 2, 4, 0)).toBe(2);
    expect(newRsTarget(4, 1, 6, 6)).toBe(4);
    // 4 replicas, unavailable 0: a new pod not yet available lets nothing go.
    expect(oldRsTargets(4, 0, { replicas: 1, available: 0 }, [{ replicas: 4, available: 4 }])).toEqual([4]);
    expect(oldRsTargets(4, 0, { replicas: 1, available: 1 }, [{ replicas: 4, available: 4 }])).toEqual([3]);
    // Unhealthy old pods go first, within allPods - minAvailable - newUnavailable, even when no available one may.
    expect(oldRsTargets(4, 0, { replicas: 1, available: 0 }, [{ replicas: 2, available: 0 }, { replicas: 4, available: 4 }])).toEqual([0, 4]);
    expect(oldRsTargets(4, 0, { replicas: 1, available: 0 }, [{ replicas: 2, available: 0 }, { replicas: 3, available: 3 }])).toEqual([1, 3]);
  });
});

describe('Deployment', () => {
  it('maxSurge 25 %, maxUnavailable 0, new pods never Ready: old ones keep serving, ProgressDeadlineExceeded at 600 s, nothing undone until rollback()', () => {
    const { sim, recs, d, summary } = world({ v1: 5 }, 4, { maxSurge: '25%', maxUnavailable: 0 });
    sim.run(sec(10));
    expect(d.condition).toBe('Complete');
    expect(summary()).toEqual({ total: 4, available: 4, byTemplate: { v1: 4 } });
    sim.at(sec(100), () => d.rollout('v2'));
    sim.run(sec(699));
    expect(summary()).toEqual({ total: 5, available: 4, byTemplate: { v1: 4, v2: 1 } });
    expect(d.condition).toBe('Progressing');
    sim.run(sec(700));
    expect(d.condition).toBe('ProgressDeadlineExceeded');
    sim.run(sec(2000));
    expect(summary()).toEqual({ total: 5, available: 4, byTemplate: { v1: 4, v2: 1 } }); // no automatic rollback
    expect(d.revision).toBe(2);
    sim.at(sec(2000), () => { expect(d.rollback()).toBe(true); });
    sim.run(sec(2001));
    expect(summary()).toEqual({ total: 4, available: 4, byTemplate: { v1: 4 } });
    expect(d.condition).toBe('Complete');
    expect(d.revision).toBe(3);
    expect(d.history.map((h) => [h.revision, h.template, h.pods])).toEqual([[2, 'v2', 0], [3, 'v1', 4]]);
    const steps = recs.filter((r) => r.source === 'deploy/api' && r.t >= sec(100) && r.kind !== 'replica-created' && r.kind !== 'replica-terminated').map((r) => [r.t / 1e6, r.kind, r.data]);
    expect(steps).toEqual([
      [100, 'rollout-started', { revision: 2, rollback: false }],
      [100, 'rs-scaled', { revision: 2, from: 0, to: 1 }],
      [700, 'progress-deadline-exceeded', { revision: 2, deadlineMs: 600_000 }],
      [2000, 'rollout-started', { revision: 3, rollback: true }],
      [2000, 'rs-scaled', { revision: 2, from: 1, to: 0 }],
      [2000, 'rollout-complete', { revision: 3 }],
    ]);
  });

  it('a healthy rollout of 4 with the 25 %/25 % defaults: 5 pods at most, 3 available at least, all v2 at the end', () => {
    const { sim, d, summary } = world({ v1: 1, v2: 7 }, 4);
    sim.run(sec(5));
    sim.at(sec(10), () => d.rollout('v2'));
    const seen: ReturnType<typeof summary>[] = [];
    while (sim.step()) seen.push(summary());
    expect(Math.max(...seen.map((s) => s.total))).toBe(5);
    expect(Math.min(...seen.map((s) => s.available))).toBe(3);
    expect(summary()).toEqual({ total: 4, available: 4, byTemplate: { v2: 4 } });
    expect(d.condition).toBe('Complete');
    // Two waves of 2 (surge 1 + unavailable 1), 7 s each.
    expect(sim.now).toBe(sec(24));
  });

  it('scale(n), as the HPA calls it: up creates the pods at once; down removes unready pods first', () => {
    const { sim, d, created, summary } = world({ v1: 30 }, 2);
    sim.run(sec(40));
    d.scale(5);
    expect(summary()).toEqual({ total: 5, available: 2, byTemplate: { v1: 5 } });
    d.scale(2);
    expect(created.filter((p) => p.terminated).map((p) => p.name)).toEqual(['api-1-3', 'api-1-4', 'api-1-5']);
    expect(summary()).toEqual({ total: 2, available: 2, byTemplate: { v1: 2 } });
  });

  it('rollback with no previous revision does nothing; the scale and rollback faults reach it', () => {
    const { sim, d, summary } = world({ v1: 1, v2: 1 }, 2);
    expect(d.rollback()).toBe(false);
    sim.run(sec(5));
    d.rollout('v2');
    sim.faults.schedule([{ at: sec(10), target: 'api', kind: 'rollback' }, { at: sec(20), target: 'api', kind: 'scale', params: { replicas: 3 } }]);
    sim.run(sec(30));
    expect(summary()).toEqual({ total: 3, available: 3, byTemplate: { v1: 3 } });
  });

  it('property: during a rollout, never more than replicas + surge pods, never fewer than replicas - unavailable available', () => {
    const spec = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '50%', '100%') as fc.Arbitrary<`${number}%`>);
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), spec, spec, fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 12 }), (replicas, maxSurge, maxUnavailable, delays) => {
      let fp;
      try { fp = resolveFenceposts(maxSurge, maxUnavailable, replicas); } catch { return; }
      const sim = new Simulation({ seed: 1 });
      const created: FakePod[] = [];
      let k = 0;
      const factory: ReplicaFactory<string> = { create(name, revision, template) {
        const p = new FakePod(name, revision, template);
        created.push(p);
        sim.schedule(sec(template === 'v1' ? 1 : delays[k++ % delays.length]!), () => p.setReady(true));
        return p;
      } };
      const d = new Deployment(sim, 'api', factory, 'v1', { replicas, maxSurge, maxUnavailable });
      sim.run(sec(5));
      d.rollout('v2');
      const check = () => {
        const live = created.filter((p) => !p.terminated);
        expect(live.length).toBeLessThanOrEqual(replicas + fp.surge);
        expect(live.filter((p) => p.ready).length).toBeGreaterThanOrEqual(replicas - fp.unavailable);
      };
      check();
      while (sim.step()) check();
      expect(d.condition).toBe('Complete');
      expect(created.filter((p) => !p.terminated && p.template === 'v2' && p.ready).length).toBe(replicas);
    }), { numRuns: 50 });
  });
});
