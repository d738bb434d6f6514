import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutes, Simulation, sec, type Micros, type TraceRecord } from '../../src/kernel/index.js';
import { groupPods, resourceReplicas, type HpaPod, type HpaSample } from '../../models/k8s/hpa.js';
import { DEFAULT_HPA_BEHAVIOR, EMPTY_HPA_HISTORY, normalizeWithBehavior, recordScale, type HpaHistory } from '../../models/k8s/hpa-behavior.js';
import { HpaController } from '../../models/k8s/hpa-controller.js';

/** replica_calculator_test.go's testing periods. */
const TESTING = { cpuInitializationPeriodMs: 120_000, initialReadinessDelayMs: 10_000 };
const NOW = sec(3600);

interface Vector {
  current: number;
  expected: number;
  utilization?: number;
  requests: number[];
  levels: number[];
  target: number;
  readiness?: boolean[];
  phase?: HpaPod['phase'][];
  deleting?: boolean[];
  hot?: boolean[];
}

/** The Go harness's pods: cool ones started 5 min ago (Ready since start), hot ones 30 s ago (Ready 10 s ago); samples now, 1 min window. */
function calc(v: Vector) {
  const pods: HpaPod[] = v.requests.map((r, i) => {
    const hot = v.hot?.[i] === true;
    const start = NOW - (hot ? sec(30) : minutes(5));
    const ready = v.readiness?.[i] ?? true;
    return { name: `pod-${i}`, phase: v.phase?.[i] ?? 'Running', deleting: v.deleting?.[i], ready, startTimeUs: start, readyTransitionUs: hot && ready ? NOW - sec(10) : start, requestMillicores: r };
  });
  const samples = new Map<string, HpaSample>(v.levels.map((l, i) => [`pod-${i}`, { cpuMillicores: l, timestampUs: NOW, windowUs: minutes(1) }]));
  return resourceReplicas(v.current, v.target, pods, samples, NOW, TESTING);
}

const ONE = (n: number) => Array.from({ length: n }, () => 1000);

describe('HPA replica calculation (vectors from replica_calculator_test.go)', () => {
  const vectors: [string, Vector][] = [
    ['ScaleDown', { current: 5, expected: 3, utilization: 28, requests: ONE(5), levels: [100, 300, 500, 250, 250], target: 50 }],
    ['ScaleDownIncludeUnreadyPods', { current: 5, expected: 2, utilization: 30, requests: ONE(5), levels: [100, 300, 500, 250, 250], target: 50, readiness: [true, true, true, false, false] }],
    ['ScaleDownExcludeUnscheduledPods', { current: 5, expected: 1, utilization: 10, requests: ONE(5), levels: [100], target: 50, readiness: [true, false, false, false, false], phase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'] }],
    ['ScaleDownIgnoreHotCpuPods', { current: 5, expected: 2, utilization: 30, requests: ONE(5), levels: [100, 300, 500, 250, 250], target: 50, hot: [false, false, false, true, true] }],
    ['ScaleDownIgnoresFailedPods', { current: 5, expected: 3, utilization: 28, requests: ONE(7), levels: [100, 300, 500, 250, 250], target: 50, readiness: [true, true, true, true, true, false, false], phase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'] }],
    ['ScaleDownIgnoresDeletionPods', { current: 5, expected: 3, utilization: 28, requests: ONE(7), levels: [100, 300, 500, 250, 250], target: 50, readiness: [true, true, true, true, true, false, false], deleting: [false, false, false, false, false, true, true] }],
    ['Tolerance', { current: 3, expected: 3, utilization: 102, requests: [900, 1000, 1100], levels: [1010, 1030, 1020], target: 100 }],
    ['SuperfluousMetrics', { current: 4, expected: 24, utilization: 587, requests: ONE(4), levels: [4000, 9500, 3000, 7000, 3200, 2000], target: 100 }],
    ['MissingMetrics', { current: 4, expected: 3, utilization: 24, requests: ONE(4), levels: [400, 95], target: 100 }],
    ['MissingMetricsNoChangeEq', { current: 2, expected: 2, utilization: 100, requests: ONE(2), levels: [1000], target: 100 }],
    ['MissingMetricsNoChangeGt', { current: 2, expected: 2, utilization: 190, requests: ONE(2), levels: [1900], target: 100 }],
    ['MissingMetricsNoChangeLt', { current: 2, expected: 2, utilization: 60, requests: ONE(2), levels: [600], target: 100 }],
    ['MissingMetricsUnreadyChange', { current: 3, expected: 3, utilization: 45, requests: ONE(3), levels: [100, 450], target: 50, readiness: [false, true, true] }],
    ['MissingMetricsHotCpuNoChange', { current: 3, expected: 3, utilization: 45, requests: ONE(3), levels: [100, 450], target: 50, hot: [true, false, false] }],
    ['MissingMetricsUnreadyScaleUp', { current: 3, expected: 4, utilization: 200, requests: ONE(3), levels: [100, 2000], target: 50, readiness: [false, true, true] }],
    ['MissingMetricsHotCpuScaleUp', { current: 3, expected: 4, utilization: 200, requests: ONE(3), levels: [100, 2000], target: 50, readiness: [false, true, true], hot: [true, false, false] }],
    ['MissingMetricsUnreadyScaleDown', { current: 4, expected: 3, utilization: 10, requests: ONE(4), levels: [100, 100, 100], target: 50, readiness: [false, true, true, true] }],
    ['DuringRollingUpdateWithMaxSurge', { current: 2, expected: 2, utilization: 10, requests: ONE(3), levels: [100, 100], target: 50 }],
  ];
  for (const [name, v] of vectors) {
    it(`TestReplicaCalc${name}: ${v.current} -> ${v.expected}`, () => {
      expect(calc(v)).toEqual({ ok: true, replicas: v.expected, utilization: v.utilization });
    });
  }

  it('no metrics for any ready pod is an error, not a count', () => {
    expect(calc({ current: 4, expected: 0, requests: ONE(3), levels: [], target: 100 })).toEqual({ ok: false, error: 'did not receive metrics for any ready pods' });
  });

  it('TestGroupPods cases: fresh and stale samples in the initialization period, never-ready and once-ready pods after it', () => {
    const now = NOW;
    const pod = (name: string, startAgo: number, ready: boolean | undefined, transitionAgo?: number): HpaPod => ({ name, phase: 'Succeeded', ready, startTimeUs: now - startAgo, readyTransitionUs: transitionAgo === undefined ? undefined : now - transitionAgo, requestMillicores: 1000 });
    const s = (windowUs: Micros, ago = 0): HpaSample => ({ cpuMillicores: 1, timestampUs: now - ago, windowUs });
    const g = (pods: HpaPod[], samples: [string, HpaSample][]) => {
      const r = groupPods(pods, new Map(samples), now, TESTING);
      return [r.readyPodCount, [...r.ignored], [...r.missing]];
    };
    expect(g([pod('lucretius', 0, undefined)], [['lucretius', s(0)]])).toEqual([0, ['lucretius'], []]);
    expect(g([pod('bentham', minutes(1), true, sec(30))], [['bentham', s(sec(30))]])).toEqual([1, [], []]);
    expect(g([pod('bentham', minutes(1), true, sec(30))], [['bentham', s(sec(60))]])).toEqual([0, ['bentham'], []]);
    expect(g([pod('lucretius', minutes(10), false, minutes(9) + sec(54))], [['lucretius', s(0)]])).toEqual([0, ['lucretius'], []]);
    expect(g([pod('bentham', minutes(3), true, minutes(3))], [['bentham', s(minutes(1), minutes(2))]])).toEqual([1, [], []]);
    expect(g([pod('lucretius', minutes(10), false, minutes(9))], [['lucretius', s(0)]])).toEqual([1, [], []]);
    expect(g([{ name: 'unscheduled', phase: 'Pending', requestMillicores: 1000 }], [])).toEqual([0, ['unscheduled'], []]);
    expect(g([pod('epicurus', minutes(3), undefined)], [])).toEqual([0, [], ['epicurus']]);
  });

  it('property: with every pod ready and sampled, the count is the current one inside the tolerance, else ceil(ratio x pods)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 10, max: 150 }), (levels, target) => {
      const v = { current: levels.length, expected: 0, requests: ONE(levels.length), levels, target };
      const r = calc(v);
      const util = Math.floor((levels.reduce((a, b) => a + b, 0) * 100) / (1000 * levels.length));
      const ratio = util / target;
      expect(r).toEqual({ ok: true, utilization: util, replicas: Math.abs(1 - ratio) <= 0.1 ? levels.length : Math.ceil(ratio * levels.length) });
    }), { numRuns: 50 });
  });
});

describe('HPA behavior (horizontal.go normalization)', () => {
  // Vectors from the horizontal.go normalization tests, as ported with the algorithm by karmada
  // (pkg/controllers/federatedhpa, TestNormalizeDesiredReplicasWithBehaviors and neighbours).
  const rules = (window: number, type: 'Pods' | 'Percent', value: number) => ({ stabilizationWindowSeconds: window, selectPolicy: 'Max' as const, policies: [{ type, value, periodSeconds: 60 }] });
  it('ported vectors: Percent 200/60 s up caps 5 -> 15 at maxReplicas 10; Percent 50/60 s down takes 8 -> 2 only to 4', () => {
    const b = { scaleUp: rules(300, 'Percent', 200), scaleDown: rules(300, 'Percent', 100) };
    expect(normalizeWithBehavior(EMPTY_HPA_HISTORY, b, 5, 15, 1, 10, NOW).desired).toBe(10);
    const d = { scaleUp: rules(300, 'Percent', 200), scaleDown: rules(300, 'Percent', 50) };
    expect(normalizeWithBehavior(EMPTY_HPA_HISTORY, d, 8, 2, 1, 10, NOW).desired).toBe(4);
    expect(normalizeWithBehavior(EMPTY_HPA_HISTORY, b, 5, 8, 1, 10, NOW)).toMatchObject({ desired: 8, reason: 'DesiredWithinRange' });
    expect(normalizeWithBehavior(EMPTY_HPA_HISTORY, b, 8, 12, 1, 10, NOW)).toMatchObject({ desired: 10, reason: 'TooManyReplicas' });
  });

  it('ported vectors: stabilization with a 300 s up window and a 600 s down window', () => {
    const b = { scaleUp: rules(300, 'Percent', 1000), scaleDown: rules(600, 'Percent', 100) };
    const h = (recs: [number, number][]): HpaHistory => ({ ...EMPTY_HPA_HISTORY, recommendations: recs.map(([replicas, ago]) => ({ replicas, t: NOW - sec(ago) })) });
    // Up 5 -> 10 with 8 two minutes ago and 7 four minutes ago: the lowest, 7.
    expect(normalizeWithBehavior(h([[8, 120], [7, 240]]), b, 5, 10, 1, 20, NOW).stabilized).toBe(7);
    // Down 8 -> 3 with 5 five minutes ago and 4 eight minutes ago: the highest, 5.
    expect(normalizeWithBehavior(h([[5, 300], [4, 480]]), b, 8, 3, 1, 20, NOW).stabilized).toBe(5);
    expect(normalizeWithBehavior(h([[5, 60]]), b, 5, 5, 1, 20, NOW).history.recommendations).toHaveLength(2);
  });

  it('default scale-up: at most max(+4, x2) per 15 s, counted from the replicas 15 s ago: 2 -> 6 -> 12 -> 20', () => {
    let h: HpaHistory = EMPTY_HPA_HISTORY;
    let current = 2;
    const steps: [number, number, string][] = [];
    for (const t of [0, 15, 30, 45]) {
      const n = normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, current, 20, 1, 30, sec(t));
      h = n.desired !== current ? recordScale(n.history, DEFAULT_HPA_BEHAVIOR, current, n.desired, sec(t)) : n.history;
      steps.push([t, n.desired, n.reason]);
      current = n.desired;
    }
    expect(steps).toEqual([[0, 6, 'ScaleUpLimit'], [15, 12, 'ScaleUpLimit'], [30, 20, 'DesiredWithinRange'], [45, 20, 'DesiredWithinRange']]);
  });

  it('with a 10 s sync a scale-up 10 s ago still counts against the period: 2 -> 6, held, then 12', () => {
    let h: HpaHistory = EMPTY_HPA_HISTORY;
    let current = 2;
    const out: number[] = [];
    for (const t of [0, 10, 20]) {
      const n = normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, current, 20, 1, 30, sec(t));
      h = n.desired !== current ? recordScale(n.history, DEFAULT_HPA_BEHAVIOR, current, n.desired, sec(t)) : n.history;
      out.push((current = n.desired));
    }
    expect(out).toEqual([6, 6, 12]);
  });

  it('scale-down takes the highest recommendation of the last 300 s, then may fall to minReplicas at once (100 % per 15 s)', () => {
    let h = normalizeWithBehavior(EMPTY_HPA_HISTORY, DEFAULT_HPA_BEHAVIOR, 10, 10, 1, 20, 0).history;
    const at = (t: number) => { const n = normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, 10, 1, 1, 20, sec(t)); h = n.history; return n.desired; };
    expect([at(15), at(150), at(285), at(300)]).toEqual([10, 10, 10, 1]);
  });

  it('a Pods policy of 1 per 60 s and selectPolicy Min limit a scale-down; Disabled stops it', () => {
    const slow = { ...DEFAULT_HPA_BEHAVIOR, scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Min' as const, policies: [{ type: 'Pods' as const, value: 1, periodSeconds: 60 }, { type: 'Percent' as const, value: 50, periodSeconds: 60 }] } };
    const n = normalizeWithBehavior(EMPTY_HPA_HISTORY, slow, 10, 2, 1, 20, 0);
    expect(n.desired).toBe(9);
    const h = recordScale(n.history, slow, 10, 9, 0);
    expect(normalizeWithBehavior(h, slow, 9, 2, 1, 20, sec(30)).desired).toBe(9); // 10 - 1 already spent this minute
    expect(normalizeWithBehavior(h, slow, 9, 2, 1, 20, sec(61)).desired).toBe(8);
    const off = { ...DEFAULT_HPA_BEHAVIOR, scaleDown: { ...slow.scaleDown, selectPolicy: 'Disabled' as const } };
    expect(normalizeWithBehavior(EMPTY_HPA_HISTORY, off, 10, 2, 1, 20, 0).desired).toBe(10);
  });
});

/** Pods behind a fake Deployment sharing `loadMillicores` evenly among the Ready ones; samples are now, over 15 s. */
function world(initial: number, requestMillicores: number, readyAfterMs: number) {
  const sim = new Simulation({ seed: 1 });
  const recs: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => { recs.push(r); } });
  const pods: { name: string; start: Micros; readyAt: Micros }[] = [];
  let serial = 0;
  const add = (ago: Micros) => pods.push({ name: `api-${serial++}`, start: sim.now - ago, readyAt: sim.now - ago + sec(readyAfterMs / 1000) });
  for (let i = 0; i < initial; i++) add(sec(3600));
  const state = { load: 0 };
  const isReady = (p: (typeof pods)[number]) => sim.now >= p.readyAt;
  const target = {
    replicas: () => pods.length,
    scale: (n: number) => { while (pods.length < n) add(0); pods.length = Math.min(pods.length, n); },
    pods: (): HpaPod[] => pods.map((p) => ({ name: p.name, phase: 'Running', ready: isReady(p), startTimeUs: p.start, readyTransitionUs: isReady(p) ? p.readyAt : p.start, requestMillicores })),
  };
  const metrics = { get: (name: string): HpaSample | undefined => {
    const p = pods.find((x) => x.name === name)!;
    const ready = pods.filter(isReady).length;
    return { cpuMillicores: isReady(p) ? state.load / ready : 0, timestampUs: sim.now, windowUs: sec(15) };
  } };
  return { sim, recs, target, metrics, state };
}

describe('HPA controller timelines', () => {
  it('2 pods at 90 % of a 500m request, target 50 %: 2 -> 4 at the first sync, then held at 4 while the new pods warm up', () => {
    const { sim, recs, target, metrics, state } = world(2, 500, 20_000);
    state.load = 900;
    new HpaController(sim, 'api', target, metrics, { minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 50 });
    sim.run(sec(50));
    const rows = recs.filter((r) => r.source === 'hpa/api').map((r) => [r.t / 1e6, r.kind, r.data]);
    expect(rows).toEqual([
      // 900m / 1000m = 90 %, ratio 1.8, ceil(1.8 x 2) = 4; the limit is max(2 + 4, 2 x 2) = 6.
      [0, 'hpa-recommendation', { current: 2, utilization: 90, recommended: 4, stabilized: 4, desired: 4, reason: 'DesiredWithinRange' }],
      [0, 'hpa-rescale', { from: 2, to: 4 }],
      // The two new pods are not Ready: ignored, then counted at 0 on a scale-up: 900 / 2000 = 45 %, ratio 0.9, within tolerance.
      [15, 'hpa-recommendation', { current: 4, utilization: 90, recommended: 4, stabilized: 4, desired: 4, reason: 'DesiredWithinRange' }],
      // Ready at 20 s, but their samples (window 15 s) are not after Ready + window until 35 s: still ignored; 225m each on the old pods.
      [30, 'hpa-recommendation', { current: 4, utilization: 45, recommended: 4, stabilized: 4, desired: 4, reason: 'DesiredWithinRange' }],
      [45, 'hpa-recommendation', { current: 4, utilization: 45, recommended: 4, stabilized: 4, desired: 4, reason: 'DesiredWithinRange' }],
    ]);
  });

  it('a load drop is followed by a scale-down only once the 300 s window holds no higher recommendation', () => {
    const { sim, recs, target, metrics, state } = world(4, 500, 0);
    state.load = 1000; // 50 % of 4 x 500m: on target
    sim.at(sec(10), () => { state.load = 200; }); // 10 %
    new HpaController(sim, 'api', target, metrics, { minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 50 });
    sim.run(sec(320));
    const recsOf = (t: number) => recs.find((r) => r.source === 'hpa/api' && r.kind === 'hpa-recommendation' && r.t === sec(t))?.data;
    expect(recsOf(0)).toMatchObject({ utilization: 50, recommended: 4, desired: 4 });
    expect(recsOf(15)).toMatchObject({ utilization: 10, recommended: 1, stabilized: 4, desired: 4 });
    expect(recsOf(285)).toMatchObject({ recommended: 1, stabilized: 4, desired: 4 });
    expect(recsOf(300)).toMatchObject({ recommended: 1, stabilized: 1, desired: 2, reason: 'TooFewReplicas' });
    expect(recs.filter((r) => r.kind === 'hpa-rescale').map((r) => [r.t / 1e6, r.data])).toEqual([[300, { from: 4, to: 2 }]]);
  });

  it('a target above maxReplicas is brought down at once; one at 0 with minReplicas 1 is left alone', () => {
    const { sim, recs, target, metrics } = world(12, 500, 0);
    const hpa = new HpaController(sim, 'api', target, metrics, { maxReplicas: 10 });
    sim.run(sec(1));
    expect(target.replicas()).toBe(10);
    target.scale(0);
    hpa.sync();
    expect(target.replicas()).toBe(0);
    expect(recs.filter((r) => r.kind === 'hpa-rescale').map((r) => r.data)).toEqual([{ from: 12, to: 10 }]);
    hpa.stop();
  });
});
