import type { TraceRecord, TraceSink, Micros } from '../../../src/scenario/index.js';

/**
 * Election safety, checked after every trace record: never more than one
 * node running as primary and able to take writes. Kept apart from the
 * models: it only reads their observable state.
 */
export class SingleWritablePrimary implements TraceSink {
  violations = 0;
  firstViolation: { t: Micros; primaries: string[] } | null = null;
  maxSeen = 0;

  constructor(private readonly cluster: { writablePrimaries(): string[]; writablePrimaryCount(): number }) {}

  record(rec: TraceRecord): void {
    const n = this.cluster.writablePrimaryCount();
    if (n > this.maxSeen) this.maxSeen = n;
    if (n > 1) {
      this.violations++;
      this.firstViolation ??= { t: rec.t, primaries: this.cluster.writablePrimaries() };
    }
  }
}
