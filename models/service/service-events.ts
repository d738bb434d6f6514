import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A generic service's trace events (source: the service's name). */
export type ServiceEvents = {
  /** A degradation fault took effect or ended (`latency-spike`, `error-rate`, `refuse`, `slow`). */
  degraded: { kind: string; value: number };
  restored: { kind: string };
  /** In-flight memory went over the limit: the kernel kills the process (exit 137). */
  'oom-kill': { inFlight: number; memoryBytes: number; limitBytes: number };
  stopped: { cause: string; dropped: number };
  started: undefined;
};
export type ServiceRecord = RecordOf<ServiceEvents>;
