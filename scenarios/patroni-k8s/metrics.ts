import { WriteLedger } from '../../models/postgres/write-ledger.js';
import { FailoverPhases } from './observers/failover-phases.js';
import type { PatroniView } from './view.js';

/** What Scenario A measures: the failover's phases, the clients' view of it, and election safety. */
export interface PatroniMetrics extends Record<string, number> {
  detectionMs: number;
  electionMs: number;
  promotionMs: number;
  routingMs: number;
  failoverMs: number;
  writeDowntimeMs: number;
  longestWriteOutageMs: number;
  readAvailabilityPct: number;
  writesIssued: number;
  writesAcked: number;
  ackedWritesLost: number;
  duplicateWrites: number;
  failedWrites: number;
  failedReads: number;
  writeLatencyP50Ms: number;
  writeLatencyP99Ms: number;
  maxWritablePrimaries: number;
}

/** The metrics, in the order reports show them. */
export function patroniMetrics({ world: cluster, observed: { phases: ph, safety, tally }, sim }: PatroniView): PatroniMetrics {
  const windows = cluster.workload.writer.attempts.windows(sim.now);
  const audit = cluster.ledger.audit(WriteLedger.survivor(cluster.nodes));
  return {
    detectionMs: FailoverPhases.span(ph.faultAt, ph.leaderGoneAt),
    electionMs: FailoverPhases.span(ph.leaderGoneAt, ph.acquiredAt),
    promotionMs: FailoverPhases.span(ph.acquiredAt, ph.promotedAt),
    routingMs: FailoverPhases.span(ph.promotedAt, ph.routedAt),
    failoverMs: FailoverPhases.span(ph.faultAt, ph.routedAt),
    writeDowntimeMs: windows.reduce((s, w) => s + ((w.end ?? sim.now) - w.start), 0) / 1000,
    longestWriteOutageMs: windows.reduce((m, w) => Math.max(m, (w.end ?? sim.now) - w.start), 0) / 1000,
    readAvailabilityPct: tally.reads.issued === 0 ? NaN : (100 * tally.reads.ok) / tally.reads.issued,
    writesIssued: tally.writes.issued,
    writesAcked: tally.writes.acked,
    ackedWritesLost: audit.lost,
    duplicateWrites: audit.duplicates,
    failedWrites: tally.writes.failed,
    failedReads: tally.reads.failed,
    writeLatencyP50Ms: tally.writeLatencyMs.percentile(50),
    writeLatencyP99Ms: tally.writeLatencyMs.percentile(99),
    maxWritablePrimaries: safety.maxSeen,
  };
}
