import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TraceRecord, TraceSink } from '../kernel/trace.js';
import { UsageError, describeFsError } from './errors.js';

const FLUSH_AT = 1 << 16;

/**
 * Streams every trace record to a file as NDJSON: the kernel's canonical
 * line plus "chain", the digest after that record. The chain of the last
 * line is the run's digest, and two traces can be compared to their first
 * differing line by their chains.
 *
 * Lines are buffered and written with writeSync, so the run stays
 * synchronous. They go to a temporary file beside the target, renamed over
 * it by `commit()`: a run stopped by bad input leaves no half-written trace.
 */
export class TraceFileSink implements TraceSink {
  private readonly temp: string;
  private fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(readonly file: string) {
    this.temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
    try {
      this.fd = openSync(this.temp, 'w');
    } catch (e) {
      throw new UsageError(`trace file "${file}": ${describeFsError(e)}`);
    }
  }

  record(_rec: TraceRecord, line: string, chain: string): void {
    const out = `${line.slice(0, -1)},"chain":"${chain}"}\n`;
    this.chunks.push(out);
    this.size += out.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  /** Writes what is buffered and moves the file into place. */
  commit(): void {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
    try {
      renameSync(this.temp, this.file);
    } catch (e) {
      this.abort();
      throw new UsageError(`trace file "${this.file}": ${describeFsError(e)}`);
    }
  }

  /** Drops the temporary file; safe to call more than once. */
  abort(): void {
    if (this.fd >= 0) {
      try { closeSync(this.fd); } catch { /* already closed */ }
      this.fd = -1;
    }
    try { unlinkSync(this.temp); } catch { /* never created or already gone */ }
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let off = 0; off < bytes.length;) off += writeSync(this.fd, bytes, off);
    } catch (e) {
      throw new UsageError(`trace file "${this.file}": ${describeFsError(e)}`);
    }
  }
}
