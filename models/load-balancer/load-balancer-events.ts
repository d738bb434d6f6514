import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What a load balancer writes to the trace when a health check changes a backend's state. */
export type LoadBalancerEvents = {
  'in-rotation': { instance: string };
  'out-of-rotation': { instance: string };
};
export type LoadBalancerRecord = RecordOf<LoadBalancerEvents>;
