import type { MetricInfo } from '../../src/scenario/scenario.js';
import type { PatroniMetrics } from './metrics.js';

export const PATRONI_METRIC_INFO: { readonly [K in keyof PatroniMetrics]: MetricInfo } = {
  detectionMs: { label: 'Detection (crash -> leader key gone)', unit: 'ms' },
  electionMs: { label: 'Election (-> leader key taken)', unit: 'ms' },
  promotionMs: { label: 'Promotion (-> read-write)', unit: 'ms' },
  routingMs: { label: 'Routing (-> Service endpoint)', unit: 'ms' },
  failoverMs: { label: 'Failover total (crash -> routed)', unit: 'ms' },
  writeDowntimeMs: { label: 'Write downtime (client view)', unit: 'ms' },
  longestWriteOutageMs: { label: 'Longest write outage', unit: 'ms' },
  readAvailabilityPct: { label: 'Read availability', unit: 'percent' },
  writesIssued: { label: 'Writes issued', unit: 'count' },
  writesAcked: { label: 'Writes acknowledged', unit: 'count' },
  ackedWritesLost: { label: 'Acknowledged writes lost', unit: 'count' },
  duplicateWrites: { label: 'Duplicate writes', unit: 'count' },
  failedWrites: { label: 'Failed writes (after retries)', unit: 'count' },
  failedReads: { label: 'Failed reads (after retries)', unit: 'count' },
  writeLatencyP50Ms: { label: 'Write latency p50', unit: 'ms' },
  writeLatencyP99Ms: { label: 'Write latency p99', unit: 'ms' },
  maxWritablePrimaries: { label: 'Most writable primaries at once', unit: 'count' },
};
