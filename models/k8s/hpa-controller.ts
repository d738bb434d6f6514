import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import { DEFAULT_HPA_BEHAVIOR, EMPTY_HPA_HISTORY, normalizeWithBehavior, recordScale, type HpaBehavior, type HpaHistory } from './hpa-behavior.js';
import { resourceReplicas, type HpaPod, type HpaSample, type ReplicaCalcOptions } from './hpa.js';
import type { K8sResourceEvents } from './resource-events.js';

/** What the HPA scales: the Deployment's scale subresource and its pods. */
export interface HpaScaleTarget {
  /** spec.replicas now. */
  replicas(): number;
  /** Sets spec.replicas (Deployment.scale). */
  scale(replicas: number): void;
  /** The pods its selector matches, as the HPA sees them. */
  pods(): readonly HpaPod[];
}

/** The Metrics API (a MetricsServer fits). */
export interface HpaMetricsSource {
  get(pod: string): HpaSample | undefined;
}

export interface HpaControllerOptions extends ReplicaCalcOptions {
  /** spec.minReplicas (default 1). */
  readonly minReplicas?: number | undefined;
  /** spec.maxReplicas (required). */
  readonly maxReplicas: number;
  /** CPU averageUtilization target in percent of request (default 80, DefaultCPUUtilization). */
  readonly targetCpuUtilization?: number | undefined;
  /** spec.behavior (default: DEFAULT_HPA_BEHAVIOR). */
  readonly behavior?: HpaBehavior | undefined;
  /** --horizontal-pod-autoscaler-sync-period (15 s). */
  readonly syncPeriodMs?: number | undefined;
}

export const DEFAULT_HPA = { minReplicas: 1, targetCpuUtilization: 80, syncPeriodMs: 15_000 } as const;

/**
 * The HorizontalPodAutoscaler controller for one HPA (autoscaling/v2, one
 * CPU Resource metric), as horizontal.go `reconcileAutoscaler` [K8S-HPA-H]:
 * every sync period (first at creation) it reads the pods and their metrics,
 * asks the replica calculator [K8S-HPA-RC] for a count, stabilizes and
 * rate-limits it with the behavior, and calls `scale` when the count
 * changes. A target outside [min, max] is brought inside at once; one at 0
 * with minReplicas > 0 has scaling disabled. When no ready pod has a metric
 * it does nothing ('hpa-no-metrics').
 */
export class HpaController {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
  readonly behavior: HpaBehavior;
  readonly syncPeriodUs: Micros;
  /** The last decision, for inspection. */
  lastDesired: number | null = null;
  private history: HpaHistory = EMPTY_HPA_HISTORY;
  private timer = -1;
  private readonly trace: TypedTrace<K8sResourceEvents>;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly target: HpaScaleTarget, private readonly metrics: HpaMetricsSource, private readonly options: HpaControllerOptions) {
    this.minReplicas = options.minReplicas ?? DEFAULT_HPA.minReplicas;
    this.maxReplicas = options.maxReplicas;
    if (!(this.maxReplicas >= Math.max(1, this.minReplicas))) throw new RangeError(`HPA ${name}: maxReplicas ${this.maxReplicas} must be >= minReplicas ${this.minReplicas} and >= 1`);
    this.targetCpuUtilization = options.targetCpuUtilization ?? DEFAULT_HPA.targetCpuUtilization;
    this.behavior = options.behavior ?? DEFAULT_HPA_BEHAVIOR;
    this.syncPeriodUs = ms(options.syncPeriodMs ?? DEFAULT_HPA.syncPeriodMs);
    this.trace = sim.trace.typed<K8sResourceEvents>();
    this.timer = sim.schedule(0, () => this.tick());
  }

  /** Stops syncing (the HPA was deleted). */
  stop(): void { this.sim.cancel(this.timer); }

  private tick(): void {
    this.sync();
    this.timer = this.sim.schedule(this.syncPeriodUs, () => this.tick());
  }

  /** One reconcile; public so a test or scenario can force one. */
  sync(): void {
    const current = this.target.replicas();
    if (current === 0 && this.minReplicas !== 0) return;
    let desired: number;
    if (current > this.maxReplicas) desired = this.maxReplicas;
    else if (current < this.minReplicas) desired = this.minReplicas;
    else {
      const d = this.recommend(current);
      if (d === null) return;
      desired = d;
    }
    this.lastDesired = desired;
    if (desired === current) return;
    this.history = recordScale(this.history, this.behavior, current, desired, this.sim.now);
    this.trace.emit(`hpa/${this.name}`, 'hpa-rescale', { from: current, to: desired });
    this.target.scale(desired);
  }

  private recommend(current: number): number | null {
    const pods = this.target.pods();
    const samples = new Map<string, HpaSample>();
    for (const p of pods) {
      const s = this.metrics.get(p.name);
      if (s !== undefined) samples.set(p.name, s);
    }
    const calc = resourceReplicas(current, this.targetCpuUtilization, pods, samples, this.sim.now, this.options);
    if (!calc.ok) {
      this.trace.emit(`hpa/${this.name}`, 'hpa-no-metrics', { current });
      return null;
    }
    const n = normalizeWithBehavior(this.history, this.behavior, current, calc.replicas, this.minReplicas, this.maxReplicas, this.sim.now);
    this.history = n.history;
    this.trace.emit(`hpa/${this.name}`, 'hpa-recommendation', { current, utilization: calc.utilization, recommended: calc.replicas, stabilized: n.stabilized, desired: n.desired, reason: n.reason });
    return n.desired;
  }
}
