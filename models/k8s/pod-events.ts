import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What a pod writes to the trace (source: the pod's name). */
export type PodEvents = {
  ready: undefined;
  'not-ready': undefined;
  label: { key: string; value: string };
  terminating: { reason: string; gracePeriodMs: number; deleting: boolean };
  'container-exit': { reason: string; restartInMs: number };
  hang: undefined;
  'node-crash': { recoverAfterMs: number | null };
  'node-recover': undefined;
  'container-start': undefined;
  running: undefined;
};
export type PodRecord = RecordOf<PodEvents>;
