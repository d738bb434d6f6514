import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the network writes to the trace (source: 'network'). */
export type NetworkEvents = {
  /** Each group's hosts joined by '+'. */
  partition: { groups: string[] };
  isolate: { host: string };
  heal: undefined;
};
export type NetworkRecord = RecordOf<NetworkEvents>;
