import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the kubelet's probes write to the trace (source: the pod). */
export type ProbeEvents = {
  'liveness-fail': { failures: number; threshold: number };
};
export type ProbeRecord = RecordOf<ProbeEvents>;
