/**
 * A generic request/response service: `workers` requests are served at a
 * time (threads, or processes behind one port), the rest wait in a FIFO
 * queue of at most `queueLimit` (beyond it the service answers 503 at once,
 * as a server with a bounded accept/work queue does). Each request holds
 * `memoryPerRequestBytes` from arrival until its reply; above
 * `memoryLimitBytes` the process is OOM-killed and its supervisor restarts it
 * after `oomRestartMs`.
 */
export interface GenericServiceOptions {
  /** Requests served at once: worker threads, or 1 for a single-threaded loop. */
  readonly workers: number;
  /** Mean service time of one request when healthy (CPU and local I/O). */
  readonly serviceTimeMs: number;
  /** 'exponential' (M/M/c), 'constant', or 'lognormal' with `serviceTimeCv` as its coefficient of variation. */
  readonly serviceTimeDistribution: 'exponential' | 'constant' | 'lognormal';
  readonly serviceTimeCv: number;
  /** Waiting requests beyond the busy workers; Infinity: unbounded. */
  readonly queueLimit: number;
  /** Retry-After the service sends with its 503 when its queue is full (0: none). */
  readonly overloadRetryAfterMs: number;
  readonly memoryPerRequestBytes: number;
  /** Memory of the process at rest. */
  readonly baseMemoryBytes: number;
  /** 0: no limit. */
  readonly memoryLimitBytes: number;
  /** Restart after an OOM kill (the supervisor's delay). */
  readonly oomRestartMs: number;
  /**
   * One row under optimistic concurrency, as Brooker's simulator models it:
   * a caller reads the version, then writes; the write fails with a
   * conflict if another write committed in between.
   */
  readonly optimisticConcurrency: boolean;
}

export const DEFAULT_SERVICE: GenericServiceOptions = {
  workers: 8,
  serviceTimeMs: 20,
  serviceTimeDistribution: 'exponential',
  serviceTimeCv: 1,
  queueLimit: Infinity,
  overloadRetryAfterMs: 0,
  memoryPerRequestBytes: 0,
  baseMemoryBytes: 0,
  memoryLimitBytes: 0,
  // A flat delay, not the kubelet's CrashLoopBackOff (10 s doubling to 5 min, semantics.md 2.2): a
  // supervisor that restarts after 10 s every time. Repeated kills are more frequent than under Kubernetes.
  oomRestartMs: 10_000,
  optimisticConcurrency: false,
};

export function checkServiceOptions(name: string, o: GenericServiceOptions): void {
  const bad = (what: string, v: unknown) => new Error(`service ${name}: ${what}, got ${String(v)}`);
  if (!(Number.isInteger(o.workers) && o.workers >= 1)) throw bad('workers must be a positive integer', o.workers);
  if (!(o.serviceTimeMs >= 0 && Number.isFinite(o.serviceTimeMs))) throw bad('serviceTimeMs must be finite and >= 0', o.serviceTimeMs);
  if (!(o.serviceTimeCv > 0)) throw bad('serviceTimeCv must be > 0', o.serviceTimeCv);
  if (!(o.queueLimit >= 0)) throw bad('queueLimit must be >= 0 (Infinity: unbounded)', o.queueLimit);
  if (!(o.memoryLimitBytes >= 0)) throw bad('memoryLimitBytes must be >= 0 (0: no limit)', o.memoryLimitBytes);
}
