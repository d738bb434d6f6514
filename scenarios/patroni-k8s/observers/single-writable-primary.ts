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

  constructor(private readonly writablePrimaries: () => string[]) {}

  record(rec: TraceRecord): void {
    const p = this.writablePrimaries();
    if (p.length > this.maxSeen) this.maxSeen = p.length;
    if (p.length > 1) {
      this.violations++;
      this.firstViolation ??= { t: rec.t, primaries: p };
    }
  }
}
