import type { HdfsClient, ReadResult } from '../hdfs/client/read-result.js';
import type { HdfsReadResult, HdfsSource } from './hdfs-source.js';

/**
 * An HDFS client from models/hdfs (the Java failover proxy, the single-sweep
 * Rust client or seed 003's FailsafeHdfsReader) as the reader's HdfsSource:
 * a read is one client read, with whatever failover, sleeps and breaker the
 * client has; a served read returns a file of `bytesPerFile` (the NameNode
 * model has no file sizes). `lastResult` keeps the client's own report of
 * the latest read (attempts, which NameNode served) for panes and metrics.
 */
export class HdfsClientSource implements HdfsSource {
  reads = 0;
  failures = 0;
  /** NameNode calls the client made, over all reads. */
  attempts = 0;
  lastResult: ReadResult | null = null;

  constructor(readonly client: HdfsClient, readonly bytesPerFile: number) {
    if (!(bytesPerFile >= 0 && Number.isFinite(bytesPerFile))) throw new Error(`HDFS client source: bytesPerFile must be finite and >= 0, got ${bytesPerFile}`);
  }

  read(path: string, done: (r: HdfsReadResult) => void): void {
    this.reads++;
    this.client.read(path, (r) => {
      this.attempts += r.attempts;
      this.lastResult = r;
      if (r.ok) return done({ ok: true, bytes: this.bytesPerFile });
      this.failures++;
      done({ ok: false, error: r.error ?? 'HDFS read failed' });
    });
  }
}
