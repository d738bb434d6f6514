import { Histogram, type Micros } from '../../../src/scenario/index.js';
import type { SqlWorkload } from '../../../models/patroni/sql-workload.js';

/** The application's requests, counted as its clients saw them (after retries), and the acknowledged writes' latency. */
export class RequestTally {
  readonly writes = { issued: 0, acked: 0, failed: 0 };
  readonly reads = { issued: 0, ok: 0, failed: 0 };
  /** Issue to acknowledgement, retries included, in ms. */
  readonly writeLatencyMs = new Histogram('writeLatencyMs');

  constructor(clock: { readonly now: Micros }, workload: SqlWorkload) {
    workload.writeIssued.add(() => { this.writes.issued++; });
    workload.writeDone.add((ok: boolean, issuedAt: Micros) => {
      if (!ok) { this.writes.failed++; return; }
      this.writes.acked++;
      this.writeLatencyMs.add((clock.now - issuedAt) / 1000);
    });
    workload.readIssued.add(() => { this.reads.issued++; });
    workload.readDone.add((ok: boolean) => { if (ok) this.reads.ok++; else this.reads.failed++; });
  }
}
