import { isFaultRecord, type TraceSink, type Micros } from '../../../src/scenario/index.js';
import { LEADER_KEY } from '../../../models/patroni/keys.js';
import type { PatroniK8sRecord } from '../records.js';

/**
 * Reads the four phases of a failover off the trace, after the first fault:
 * detection (fault -> leader key gone), election (-> a new node holds the
 * key), promotion (-> it runs as primary), routing (-> the write Service
 * points at it). A phase that never completed stays null.
 */
export class FailoverPhases implements TraceSink<PatroniK8sRecord> {
  faultAt: Micros | null = null;
  leaderGoneAt: Micros | null = null;
  acquiredAt: Micros | null = null;
  newLeader: string | null = null;
  promotedAt: Micros | null = null;
  routedAt: Micros | null = null;

  constructor(private readonly primaryService: string) {}

  record(rec: PatroniK8sRecord): void {
    if (isFaultRecord(rec)) { this.faultAt ??= rec.t; return; }
    if (this.faultAt === null) return;
    if (this.leaderGoneAt === null && rec.kind === 'lease-expired' && rec.data.keys.includes(LEADER_KEY)) this.leaderGoneAt = rec.t;
    else if (this.acquiredAt === null && rec.kind === 'acquired-leader') { this.acquiredAt = rec.t; this.newLeader = rec.source; }
    else if (this.promotedAt === null && rec.kind === 'promoted' && rec.source === this.newLeader) this.promotedAt = rec.t;
    else if (this.routedAt === null && this.promotedAt !== null && rec.source === `svc/${this.primaryService}` && rec.kind === 'endpoints'
      && rec.data.endpoints.includes(this.newLeader!)) this.routedAt = rec.t;
  }

  /** Milliseconds between two moments, NaN if either never happened. */
  static span(from: Micros | null, to: Micros | null): number {
    return from === null || to === null ? NaN : (to - from) / 1000;
  }
}
