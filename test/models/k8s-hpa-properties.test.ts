import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, ms, sec, type Micros, type TraceRecord } from '../../src/kernel/index.js';
import { resourceReplicas, type HpaPod, type HpaSample } from '../../models/k8s/hpa.js';
import { DEFAULT_HPA_BEHAVIOR, EMPTY_HPA_HISTORY, normalizeWithBehavior, recordScale, type HpaBehavior, type HpaHistory, type HpaScalingRules } from '../../models/k8s/hpa-behavior.js';
import { HpaController, type HpaScaleTarget } from '../../models/k8s/hpa-controller.js';
import { CfsCpu } from '../../models/k8s/cfs-cpu.js';
import { MetricsServer, containerScrapeTarget } from '../../models/k8s/metrics-server.js';

const RUNS = { numRuns: 50 };
const NOW = sec(3600);

// ---- generators ----------------------------------------------------------------------------

const policy = fc.record({ type: fc.constantFrom('Pods' as const, 'Percent' as const), value: fc.integer({ min: 1, max: 300 }), periodSeconds: fc.integer({ min: 1, max: 120 }) });
const rules: fc.Arbitrary<HpaScalingRules> = fc.record({
  stabilizationWindowSeconds: fc.integer({ min: 0, max: 600 }),
  selectPolicy: fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const),
  policies: fc.array(policy, { minLength: 1, maxLength: 3 }),
});
const behavior: fc.Arbitrary<HpaBehavior> = fc.oneof(fc.constant(DEFAULT_HPA_BEHAVIOR), fc.record({ scaleUp: rules, scaleDown: rules }));
/** Recommendations and scale events within the last 10 minutes. */
const history: fc.Arbitrary<HpaHistory> = fc.record({
  recommendations: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 60 }), t: fc.integer({ min: 0, max: 600 }).map((ago) => NOW - sec(ago)) }), { maxLength: 8 }),
  scaleUps: fc.array(fc.record({ change: fc.integer({ min: 1, max: 10 }), t: fc.integer({ min: 0, max: 120 }).map((ago) => NOW - sec(ago)) }), { maxLength: 3 }),
  scaleDowns: fc.array(fc.record({ change: fc.integer({ min: 1, max: 10 }), t: fc.integer({ min: 0, max: 120 }).map((ago) => NOW - sec(ago)) }), { maxLength: 3 }),
});
/** [minReplicas, maxReplicas] and a current count inside it (outside, the controller clamps before normalizing). */
const bounds = fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 30 }), fc.nat()).map(([min, span, k]) => ({ min, max: min + span, current: min + (k % (span + 1)) }));

/** A Running pod: ready and started an hour ago (trusted CPU), or started 10 s ago and not Ready (ignored). */
function pod(name: string, requestMillicores: number, fresh: boolean): HpaPod {
  return fresh
    ? { name, phase: 'Running', ready: false, startTimeUs: NOW - sec(10), readyTransitionUs: NOW - sec(10), requestMillicores }
    : { name, phase: 'Running', ready: true, startTimeUs: NOW - sec(3600), readyTransitionUs: NOW - sec(3600), requestMillicores };
}
const sample = (cpuMillicores: number): HpaSample => ({ cpuMillicores, timestampUs: NOW, windowUs: sec(15) });

// ---- (a) bounds ----------------------------------------------------------------------------

describe('HPA properties: the result stays in [minReplicas, maxReplicas]', () => {
  it('normalizeWithBehavior: any behavior, any history, any recommendation', () => {
    fc.assert(fc.property(behavior, history, bounds, fc.integer({ min: 0, max: 100 }), (b, h, { min, max, current }, recommended) => {
      const n = normalizeWithBehavior(h, b, current, recommended, min, max, NOW);
      expect(n.desired).toBeGreaterThanOrEqual(min);
      expect(n.desired).toBeLessThanOrEqual(max);
    }), RUNS);
  });

  it('the replica calculation followed by the default normalization (ready, unready and unsampled pods)', () => {
    const podSpec = fc.record({ request: fc.integer({ min: 100, max: 2000 }), usage: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }), fresh: fc.boolean() });
    fc.assert(fc.property(fc.array(podSpec, { minLength: 1, maxLength: 8 }), bounds, fc.integer({ min: 10, max: 150 }), history, (specs, { min, max, current }, target, h) => {
      const pods = specs.map((s, i) => pod(`p${i}`, s.request, s.fresh));
      const samples = new Map(specs.flatMap((s, i) => (s.usage === undefined ? [] : [[`p${i}`, sample(s.usage)] as const])));
      const calc = resourceReplicas(current, target, pods, samples, NOW);
      if (!calc.ok) return; // no ready pod has a metric: the controller does nothing
      const n = normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, current, calc.replicas, min, max, NOW);
      expect(n.desired).toBeGreaterThanOrEqual(min);
      expect(n.desired).toBeLessThanOrEqual(max);
    }), RUNS);
  });
});

// ---- (b) scale-down stabilization ----------------------------------------------------------

describe('HPA properties: no scale-down inside the 300 s scale-down stabilization window', () => {
  const recs = fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 40 }), ago: fc.integer({ min: 0, max: 600 }) }), { maxLength: 8 });

  it('a lower recommendation goes only down to the highest one of the last 300 s (strictly after now - 300 s), never below min', () => {
    fc.assert(fc.property(recs, bounds, fc.integer({ min: 0, max: 40 }), (past, { min, max, current }, recommended) => {
      fc.pre(recommended < current);
      const h: HpaHistory = { ...EMPTY_HPA_HISTORY, recommendations: past.map((r) => ({ replicas: r.replicas, t: NOW - sec(r.ago) })) };
      const inWindow = past.filter((r) => r.ago < 300).map((r) => r.replicas);
      const held = Math.max(recommended, ...inWindow);
      // Default scale-down rate: Percent 100 per 15 s, so only the window and minReplicas hold the count up.
      expect(normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, current, recommended, min, max, NOW).desired).toBe(Math.max(min, Math.min(current, held)));
    }), RUNS);
  });

  it('a recommendation >= current within the last 300 s keeps the count exactly where it is, however low the new one', () => {
    fc.assert(fc.property(recs, bounds, fc.integer({ min: 0, max: 299 }), fc.integer({ min: 0, max: 20 }), (past, { min, max, current }, ago, extra) => {
      const h: HpaHistory = { ...EMPTY_HPA_HISTORY, recommendations: [...past.map((r) => ({ replicas: r.replicas, t: NOW - sec(r.ago) })), { replicas: current + extra, t: NOW - sec(ago) }] };
      expect(normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, current, 0, min, max, NOW).desired).toBe(current);
    }), RUNS);
  });

  it('boundary: a recommendation exactly 300 s old no longer holds the count', () => {
    const h: HpaHistory = { ...EMPTY_HPA_HISTORY, recommendations: [{ replicas: 10, t: NOW - sec(300) }] };
    expect(normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, 10, 3, 2, 20, NOW).desired).toBe(3);
    const h1: HpaHistory = { ...EMPTY_HPA_HISTORY, recommendations: [{ replicas: 10, t: NOW - sec(300) + 1 }] };
    expect(normalizeWithBehavior(h1, DEFAULT_HPA_BEHAVIOR, 10, 3, 2, 20, NOW).desired).toBe(10);
  });
});

// ---- (c) scale-up rate ---------------------------------------------------------------------

/**
 * Drives the pure pieces as the controller does (normalize, then record the
 * change) over syncs at random intervals with rising recommendations, for
 * under 300 s (so no scale-down can happen), and checks each sync against
 * the count the deployment had one policy period earlier, R(t - period):
 * desired = min(max(current, recommended), max(current, limit(R)), maxReplicas).
 */
function checkScaleUpRate(b: HpaBehavior, limitFrom: (start: number) => number, periodS: number) {
  const step = fc.record({ dt: fc.integer({ min: 1, max: 20 }), rise: fc.integer({ min: 0, max: 40 }) });
  fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 10, max: 200 }), fc.array(step, { minLength: 1, maxLength: 12 }), (initial, maxReplicas, steps) => {
    let h: HpaHistory = EMPTY_HPA_HISTORY;
    let current = initial, recommended = initial, t: Micros = sec(1000);
    const changes: { t: Micros; to: number }[] = [];
    const countAt = (at: Micros) => changes.filter((c) => c.t <= at).reduce((_, c) => c.to, initial);
    for (const s of steps) {
      t += sec(s.dt);
      recommended += s.rise;
      const n = normalizeWithBehavior(h, b, current, recommended, 1, maxReplicas, t);
      const start = countAt(t - sec(periodS));
      expect(n.desired).toBe(Math.min(Math.max(current, recommended), Math.max(current, limitFrom(start)), maxReplicas));
      expect(n.desired).toBeGreaterThanOrEqual(current);
      h = n.history;
      if (n.desired !== current) {
        h = recordScale(h, b, current, n.desired, t);
        changes.push({ t, to: n.desired });
        current = n.desired;
      }
    }
  }), RUNS);
}

describe('HPA properties: a scale-up never exceeds the policies of its period', () => {
  it('default behavior: at most max(R + 4, 2R) where R is the count 15 s before the sync', () => {
    checkScaleUpRate(DEFAULT_HPA_BEHAVIOR, (r) => Math.max(r + 4, 2 * r), 15);
  });

  it('custom behavior Percent 50 per 60 s: at most ceil(1.5 R) where R is the count 60 s before', () => {
    const b: HpaBehavior = { ...DEFAULT_HPA_BEHAVIOR, scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } };
    checkScaleUpRate(b, (r) => Math.ceil(1.5 * r), 60);
  });

  it('every 15 s with the default behavior: 1 -> 5 -> 10 -> 20 -> 40 (Pods +4 wins below 4 replicas, Percent 100 above)', () => {
    let h: HpaHistory = EMPTY_HPA_HISTORY, current = 1;
    const out: number[] = [];
    for (let k = 0; k < 4; k++) {
      const n = normalizeWithBehavior(h, DEFAULT_HPA_BEHAVIOR, current, 100, 1, 100, sec(15 * k));
      h = recordScale(n.history, DEFAULT_HPA_BEHAVIOR, current, n.desired, sec(15 * k));
      out.push((current = n.desired));
    }
    expect(out).toEqual([5, 10, 20, 40]);
  });
});

// ---- (d) tolerance -------------------------------------------------------------------------

/** Whole-millicore usages over `requests` whose integer utilization is exactly `u` percent (Σrequest >= 100 m). */
function usagesFor(u: number, requests: readonly number[], weights: readonly number[]): number[] {
  const total = Math.ceil((u * requests.reduce((a, b) => a + b, 0)) / 100);
  const w = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((x) => Math.floor((total * x) / w));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

describe('HPA properties: a usage ratio within the tolerance leaves the count unchanged', () => {
  const ready = fc.array(fc.record({ request: fc.integer({ min: 100, max: 2000 }), weight: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 8 }).filter((a) => a.some((p) => p.weight > 0));
  /** A utilization u with u / target in [0.9, 1.1): see the boundary test below for 1.1 itself. */
  const utilIn = (target: number, k: number) => { const lo = Math.ceil(0.9 * target - 1e-9), hi = Math.ceil(1.1 * target - 1e-9) - 1; return lo + (k % (hi - lo + 1)); };

  it('every pod ready and sampled: any target, any current count', () => {
    fc.assert(fc.property(ready, fc.integer({ min: 10, max: 300 }), fc.nat(), fc.integer({ min: 1, max: 30 }), (ps, target, k, current) => {
      const u = utilIn(target, k);
      const usages = usagesFor(u, ps.map((p) => p.request), ps.map((p) => p.weight));
      const pods = ps.map((p, i) => pod(`p${i}`, p.request, false));
      const samples = new Map(usages.map((x, i) => [`p${i}`, sample(x)] as const));
      expect(resourceReplicas(current, target, pods, samples, NOW)).toEqual({ ok: true, replicas: current, utilization: u });
    }), RUNS);
  });

  it('with unready (ignored) and unsampled (missing) pods too, for targets up to 100 %', () => {
    fc.assert(fc.property(ready, fc.integer({ min: 10, max: 100 }), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 30 }), (ps, target, k, unready, missing, current) => {
      const u = utilIn(target, k);
      const usages = usagesFor(u, ps.map((p) => p.request), ps.map((p) => p.weight));
      const pods = [...ps.map((p, i) => pod(`p${i}`, p.request, false))];
      const samples = new Map<string, HpaSample>(usages.map((x, i) => [`p${i}`, sample(x)] as const));
      for (let i = 0; i < unready; i++) { pods.push(pod(`u${i}`, 500, true)); samples.set(`u${i}`, sample(5000)); }
      for (let i = 0; i < missing; i++) pods.push(pod(`m${i}`, 500, false));
      expect(resourceReplicas(current, target, pods, samples, NOW)).toEqual({ ok: true, replicas: current, utilization: u });
    }), RUNS);
  });

  it('not for targets over 100 % with missing pods: they are filled in at 100 % of request (replica_calculator.go), which pulls the ratio down', () => {
    // Target 200 %: the one sampled pod is at 190 % (ratio 0.95, inside the tolerance), three pods have no sample.
    // ratio < 1, so each missing pod counts at 1000m: (1900 + 3 x 1000) / 4000 = 122 % -> 0.61 -> ceil(0.61 x 4) = 3.
    const pods = [pod('a', 1000, false), pod('m0', 1000, false), pod('m1', 1000, false), pod('m2', 1000, false)];
    expect(resourceReplicas(4, 200, pods, new Map([['a', sample(1900)]]), NOW)).toEqual({ ok: true, replicas: 3, utilization: 190 });
  });

  it('boundaries as float64 computes them (as Go does): 90 % of a 100 % target is inside, 110 % is just outside', () => {
    const pods = [pod('a', 1000, false)];
    expect(resourceReplicas(4, 100, pods, new Map([['a', sample(900)]]), NOW)).toMatchObject({ replicas: 4 });
    // |1 - 110/100| = 0.10000000000000009 > 0.1: ceil(1.1 x 1 ready pod) = 2.
    expect(resourceReplicas(4, 100, pods, new Map([['a', sample(1100)]]), NOW)).toMatchObject({ replicas: 2 });
    expect(resourceReplicas(4, 100, pods, new Map([['a', sample(1099)]]), NOW)).toMatchObject({ replicas: 4 });
  });
});

// ---- hand-worked: a load step from 100 to 400 requests per second --------------------------

/**
 * The sim-driven pieces together: per pod a CfsCpu (request 250m, limit
 * 1000m), a MetricsServer scraping every 15 s from t = 0 (15, 30, 45 s, ...),
 * an HpaController created at t = 5 s (syncs at 5, 20, 35, ... s; the offset
 * keeps syncs and scrapes apart), minReplicas 2, maxReplicas 10, target 50 %,
 * default behavior. A simple scale target: pods are added at once
 * (phase Running, not Ready) and become Ready 25 s after creation; the two
 * initial pods are Ready from t = 0. Requests arrive evenly spaced, the
 * first at 0.5 ms, every 10 ms (100/s) until 60 s, then every 2.5 ms
 * (400/s), each costing 2 ms of CPU on the next Ready pod in round-robin.
 */
function loadStepWorld() {
  const sim = new Simulation({ seed: 1 });
  const recs: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => { recs.push(r); } });
  const metrics = new MetricsServer(sim);
  const pods: { name: string; cpu: CfsCpu; createdUs: Micros; readyAtUs: Micros }[] = [];
  let serial = 0;
  const addPod = (readyAfterUs: Micros) => {
    const name = `api-${serial++}`;
    const cpu = new CfsCpu(sim, name, { limitMillicores: 1000, requestMillicores: 250 });
    pods.push({ name, cpu, createdUs: sim.now, readyAtUs: sim.now + readyAfterUs });
    metrics.register(containerScrapeTarget(name, cpu, { usageBytes: 0 }, () => true));
  };
  const isReady = (p: (typeof pods)[number]) => sim.now >= p.readyAtUs;
  const timeline: [number, number][] = [[0, 2]];
  const target: HpaScaleTarget = {
    replicas: () => pods.length,
    scale: (n) => {
      while (pods.length < n) addPod(sec(25));
      while (pods.length > n) metrics.unregister(pods.pop()!.name);
      timeline.push([sim.now / 1e6, n]);
    },
    pods: () => pods.map((p) => ({ name: p.name, phase: 'Running', ready: isReady(p), startTimeUs: p.createdUs, readyTransitionUs: isReady(p) ? p.readyAtUs : p.createdUs, requestMillicores: 250 })),
  };
  addPod(0);
  addPod(0);
  let rr = 0;
  const noop = () => {};
  const arrive = (): void => {
    const ready = pods.filter(isReady);
    ready[rr++ % ready.length]!.cpu.run(ms(2), noop);
    sim.schedule(sim.now < sec(60) ? 10_000 : 2_500, arrive);
  };
  sim.at(500, arrive);
  sim.at(sec(5), () => { new HpaController(sim, 'api', target, metrics, { minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 50 }); });
  return { sim, recs, timeline, metrics };
}

describe('HPA hand-worked: a load step from 100 to 400 requests per second', () => {
  it('2 pods at 40 % -> the step is first seen at the 80 s sync -> 2 -> 6 (limited from 7) -> held at 6 by tolerance', () => {
    // Before the step: 100 req/s x 2 ms = 200m in all, 100m per pod = 40 % of 250m.
    //   A 15 s window between scrapes holds 1500 arrivals, 750 per pod: 1.5 s of CPU / 15 s = 100m.
    // After the step: 400 req/s x 2 ms = 800m; on 2 pods 400m each = 160 % (under the 1000m limit:
    //   a pod gets a 2 ms job every 5 ms, never throttled); on 6 pods 133.3m each, 134m rounded up
    //   (whole millicores), 6 x 134 = 804m of 1500m = 53 %.
    // Metrics lag: a pod's first metric needs two scrapes (15 s, 30 s); a sync at t uses the window
    //   between the last two scrapes, so the step at 60 s is in window [60, 75), first used at the 80 s sync.
    // Syncs (ratio = utilization / 50, replicas = ceil(ratio x counted pods) unless |1 - ratio| <= 0.1):
    //   5 s, 20 s: no pod has a metric yet -> nothing ('hpa-no-metrics').
    //   35, 50, 65 s: 40 % -> ratio 0.8 -> ceil(0.8 x 2) = 2: no change.
    //   80 s: window [60, 75): 160 % -> ratio 3.2 -> ceil(3.2 x 2) = 7; scale-up limit from the 2 pods
    //         15 s earlier: max(2 + 4, 2 x 2) = 6 -> 2 -> 6 ('ScaleUpLimit'). 4 new pods, Ready at 105 s.
    //   95 s: the new pods have one scrape (90 s), no metric: missing. Old pods 160 % (window [75, 90)),
    //         ratio 3.2 > 1 so missing pods count as 0: (400 + 400 + 4 x 0) / (6 x 250) = 53 % -> 1.06,
    //         within tolerance -> 6.
    //   110 s: new pods have a metric (window [90, 105), 0m) and are Ready since 105 s, but within the
    //         5 min CPU initialization period a sample must end at or after Ready + its window
    //         (105 + 15 = 120 s): 105 < 120 -> ignored; old pods still 160 % (all traffic until 105 s),
    //         ignored pods count as 0 on a scale-up -> 53 % again -> 6.
    //   125 s: window [105, 120): 6 Ready pods, 1000 requests each -> 134m each -> 53 % (sample at
    //         120 >= 120: trusted), ratio 1.06 within tolerance -> 6. 140 s: the same.
    // No scale-down: the 300 s window holds the recommendation 7 from 80 s. Final count 6, not the 7
    //   the load alone would ask for (53 % is within 10 % of the 50 % target).
    const { sim, recs, timeline, metrics } = loadStepWorld();
    sim.run(sec(141));
    metrics.stop();
    const hpa = recs.filter((r) => r.source === 'hpa/api').map((r) => (r.kind === 'hpa-recommendation'
      ? [r.t / 1e6, (r.data as { utilization: number }).utilization, (r.data as { recommended: number }).recommended, (r.data as { desired: number }).desired, (r.data as { reason: string }).reason]
      : [r.t / 1e6, r.kind]));
    expect(hpa).toEqual([
      [5, 'hpa-no-metrics'],
      [20, 'hpa-no-metrics'],
      [35, 40, 2, 2, 'DesiredWithinRange'],
      [50, 40, 2, 2, 'DesiredWithinRange'],
      [65, 40, 2, 2, 'DesiredWithinRange'],
      [80, 160, 7, 6, 'ScaleUpLimit'],
      [80, 'hpa-rescale'],
      [95, 160, 6, 6, 'DesiredWithinRange'],
      [110, 160, 6, 6, 'DesiredWithinRange'],
      [125, 53, 6, 6, 'DesiredWithinRange'],
      [140, 53, 6, 6, 'DesiredWithinRange'],
    ]);
    expect(timeline).toEqual([[0, 2], [80, 6]]);
    // The last window, [120, 135): 1000 requests x 2 ms / 15 s = 133.3m on each pod.
    expect(metrics.get('api-0')?.cpuMillicores).toBeCloseTo(400 / 3, 6);
  });
});
