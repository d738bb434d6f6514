import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A failure/repair process's records (source: the component's name). */
export type ReliabilityEvents = {
  down: { failure: number };
  up: { repair: number };
};
export type ReliabilityRecord = RecordOf<ReliabilityEvents>;
