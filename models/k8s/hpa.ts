import { ms, type Micros } from '../../src/kernel/time.js';

/**
 * The HPA's per-metric replica calculation for a CPU utilization target,
 * as pkg/controller/podautoscaler/replica_calculator.go `GetResourceReplicas`
 * and `groupPods` [K8S-HPA-RC], with metrics/utilization.go
 * `GetResourceUtilizationRatio` [K8S-HPA-UTIL]. Pure: pods, samples and the
 * time in, a count out (semantics §2.5).
 */
export interface HpaPod {
  readonly name: string;
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Has a deletionTimestamp (terminating): not counted at all. */
  readonly deleting?: boolean | undefined;
  /** The Ready condition; undefined while the pod has none. */
  readonly ready?: boolean | undefined;
  /** The Ready condition's lastTransitionTime. */
  readonly readyTransitionUs?: Micros | undefined;
  /** status.startTime; undefined: not set yet. */
  readonly startTimeUs?: Micros | undefined;
  /** The pod's CPU request (its containers' sum), in millicores. */
  readonly requestMillicores: number;
}

/** A pod's CPU sample from the Metrics API (see MetricsServer). */
export interface HpaSample {
  readonly cpuMillicores: number;
  readonly timestampUs: Micros;
  readonly windowUs: Micros;
}

export interface ReplicaCalcOptions {
  /** --horizontal-pod-autoscaler-tolerance (0.1). */
  readonly tolerance?: number | undefined;
  /** --horizontal-pod-autoscaler-cpu-initialization-period (5 min). */
  readonly cpuInitializationPeriodMs?: number | undefined;
  /** --horizontal-pod-autoscaler-initial-readiness-delay (30 s). */
  readonly initialReadinessDelayMs?: number | undefined;
}

export const DEFAULT_REPLICA_CALC = { tolerance: 0.1, cpuInitializationPeriodMs: 300_000, initialReadinessDelayMs: 30_000 } as const;

export interface PodGroups {
  readonly readyPodCount: number;
  readonly ignored: ReadonlySet<string>;
  readonly missing: ReadonlySet<string>;
}

/** Sorts the pods as groupPods does: skipped (deleting, Failed), ignored (Pending, not yet trustworthy CPU), missing (no sample), ready. */
export function groupPods(pods: readonly HpaPod[], samples: ReadonlyMap<string, HpaSample>, nowUs: Micros, options: ReplicaCalcOptions = {}): PodGroups {
  const initUs = ms(options.cpuInitializationPeriodMs ?? DEFAULT_REPLICA_CALC.cpuInitializationPeriodMs);
  const delayUs = ms(options.initialReadinessDelayMs ?? DEFAULT_REPLICA_CALC.initialReadinessDelayMs);
  const ignored = new Set<string>(), missing = new Set<string>();
  let readyPodCount = 0;
  for (const pod of pods) {
    if (pod.deleting === true || pod.phase === 'Failed') continue;
    if (pod.phase === 'Pending') { ignored.add(pod.name); continue; }
    const sample = samples.get(pod.name);
    if (sample === undefined) { missing.add(pod.name); continue; }
    if (cpuSampleIgnored(pod, sample, nowUs, initUs, delayUs)) { ignored.add(pod.name); continue; }
    readyPodCount++;
  }
  return { readyPodCount, ignored, missing };
}

/** CPU only: a sample is not trusted while the pod may still be initialising (start-up CPU bursts). */
function cpuSampleIgnored(pod: HpaPod, sample: HpaSample, nowUs: Micros, initUs: Micros, delayUs: Micros): boolean {
  if (pod.ready === undefined || pod.startTimeUs === undefined) return true;
  const transition = pod.readyTransitionUs ?? pod.startTimeUs;
  if (pod.startTimeUs + initUs > nowUs) {
    // Unready, or no full metric window since the last readiness change.
    return !pod.ready || sample.timestampUs < transition + sample.windowUs;
  }
  // Unready and never became ready within the initial readiness delay.
  return !pod.ready && pod.startTimeUs + delayUs > transition;
}

/**
 * utilization = floor(100 · Σusage / Σrequest) over the pods with samples
 * (integer percent, as the Go int64 division), ratio = utilization / target.
 * Sample values are whole millicores, rounded up (Quantity.MilliValue).
 */
export function utilizationRatio(samples: ReadonlyMap<string, number>, requests: ReadonlyMap<string, number>, targetUtilization: number): { ratio: number; utilization: number } {
  let usage = 0, request = 0;
  for (const [name, value] of samples) {
    const r = requests.get(name);
    if (r === undefined) continue;
    usage += Math.ceil(value - 1e-9);
    request += r;
  }
  if (request === 0) throw new RangeError('no pod with a CPU request has a sample');
  const utilization = Math.floor((usage * 100) / request);
  return { ratio: utilization / targetUtilization, utilization };
}

export type ReplicaCalcResult =
  | { readonly ok: true; readonly replicas: number; readonly utilization: number }
  | { readonly ok: false; readonly error: string };

/** GetResourceReplicas: the count one CPU-utilization metric asks for, or why it cannot say. */
export function resourceReplicas(currentReplicas: number, targetUtilization: number, pods: readonly HpaPod[], samples: ReadonlyMap<string, HpaSample>, nowUs: Micros, options: ReplicaCalcOptions = {}): ReplicaCalcResult {
  if (pods.length === 0) return { ok: false, error: 'no pods returned by selector while calculating replica count' };
  const tolerance = options.tolerance ?? DEFAULT_REPLICA_CALC.tolerance;
  const { readyPodCount, ignored, missing } = groupPods(pods, samples, nowUs, options);
  const values = new Map<string, number>();
  for (const [name, s] of samples) if (!ignored.has(name) && pods.some((p) => p.name === name)) values.set(name, s.cpuMillicores);
  const requests = new Map(pods.map((p) => [p.name, p.requestMillicores]));
  if (values.size === 0) return { ok: false, error: 'did not receive metrics for any ready pods' };
  const { ratio, utilization } = utilizationRatio(values, requests, targetUtilization);
  const rebalanceIgnored = ignored.size > 0 && ratio > 1;
  if (!rebalanceIgnored && missing.size === 0) {
    if (Math.abs(1 - ratio) <= tolerance) return { ok: true, replicas: currentReplicas, utilization };
    return { ok: true, replicas: Math.ceil(ratio * readyPodCount), utilization };
  }
  // Conservative fill-in: missing pods at 100 % of request on a scale-down, 0 on a scale-up; ignored pods at 0 on a scale-up.
  for (const name of missing) {
    if (ratio < 1) values.set(name, requests.get(name)!);
    else if (ratio > 1) values.set(name, 0);
  }
  if (rebalanceIgnored) for (const name of ignored) values.set(name, 0);
  const newRatio = utilizationRatio(values, requests, targetUtilization).ratio;
  if (Math.abs(1 - newRatio) <= tolerance || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) {
    return { ok: true, replicas: currentReplicas, utilization };
  }
  const replicas = Math.ceil(newRatio * values.size);
  // A count that reverses the direction (more pods counted than exist) keeps the current size.
  if ((newRatio < 1 && replicas > currentReplicas) || (newRatio > 1 && replicas < currentReplicas)) return { ok: true, replicas: currentReplicas, utilization };
  return { ok: true, replicas, utilization };
}
