import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { TraceRecord, TraceSink } from '../kernel/trace.js';
import { outputFileError, placeOutputFile, tempBeside, type OutputFile } from '../io/output-file.js';

const FLUSH_AT = 1 << 16;

/**
 * Streams every trace record to a file as NDJSON: the kernel's canonical
 * line plus "chain", the digest after that record. The chain of the last
 * line is the run's digest, and two traces can be compared to their first
 * differing line by their chains.
 *
 * Lines are buffered and written with writeSync, so the run stays
 * synchronous. They go to a temporary file beside the target, put in place
 * by `commit()` (see output-file.ts: an existing file only with --force): a
 * run stopped by bad input leaves no half-written trace.
 */
export class TraceFileSink implements TraceSink {
  private readonly temp: string;
  private fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly out: OutputFile) {
    this.temp = tempBeside(out);
    try {
      this.fd = openSync(this.temp, 'w');
    } catch (e) {
      throw outputFileError(out, e);
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
    placeOutputFile(this.out, this.temp);
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
      throw outputFileError(this.out, e);
    }
  }
}
