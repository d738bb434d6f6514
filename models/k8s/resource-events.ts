import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the Kubernetes resource models write to the trace. */
export type K8sResourceEvents = {
  /** A memory cgroup went over its limit and the kernel killed the container (source: the cgroup's name). */
  'oom-kill': { usageBytes: number; limitBytes: number; exitCode: number; reason: string };
  /** An HPA sync's decision (source: hpa/<name>): raw per-metric count, after stabilization, after the rate limits. */
  'hpa-recommendation': { current: number; utilization: number | null; recommended: number; stabilized: number; desired: number; reason: string };
  /** The HPA changed the target's replicas. */
  'hpa-rescale': { from: number; to: number };
  /** The HPA could not compute a count this sync (no metrics for any ready pod). */
  'hpa-no-metrics': { current: number };
  /** A Deployment's ReplicaSet changed size (source: deploy/<name>). */
  'rs-scaled': { revision: number; from: number; to: number };
  /** A new template: a new revision (or, on rollback, an old one made current again). */
  'rollout-started': { revision: number; rollback: boolean };
  /** Every replica runs the current revision and is available: Progressing=True, NewReplicaSetAvailable. */
  'rollout-complete': { revision: number };
  /** Progressing=False, ProgressDeadlineExceeded: no progress for progressDeadlineSeconds; nothing is undone. */
  'progress-deadline-exceeded': { revision: number; deadlineMs: number };
  /** spec.replicas changed (kubectl scale, the HPA). */
  'deployment-scaled': { from: number; to: number };
  /** A replica was created or asked to terminate. */
  'replica-created': { replica: string; revision: number };
  'replica-terminated': { replica: string; revision: number; ready: boolean };
  /** A NetworkPolicy dropped a flow (source: netpol/<name>). */
  'flow-denied': { from: string; to: string; direction: string };
};
export type K8sResourceRecord = RecordOf<K8sResourceEvents>;
