import type { TraceRecord, TraceSink } from '../../src/kernel/trace.js';
import type { Micros } from '../../src/kernel/time.js';

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
