import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What a Service writes to the trace (source: `svc/<name>`). */
export type ServiceEvents = {
  endpoints: { endpoints: string[] };
};
export type ServiceRecord = RecordOf<ServiceEvents>;
