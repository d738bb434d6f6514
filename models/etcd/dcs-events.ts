import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the etcd model writes to the trace. */
export type DcsEvents = {
  /** A lease ran out without a keepalive: the keys on it are deleted. */
  'lease-expired': { lease: number; keys: string[] };
};
export type DcsRecord = RecordOf<DcsEvents>;
