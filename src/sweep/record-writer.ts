import { closeSync, ftruncateSync, openSync, statSync, truncateSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { UsageError, describeFsError } from '../io/errors.js';
import { outputFileError, type OutputFile } from '../io/output-file.js';

/**
 * Appends run records to a sweep file, one line per writeSync, as each run
 * finishes: a killed sweep leaves every finished run in the file and at most
 * one cut-off line at the end, which --resume drops.
 */
export class RecordWriter {
  private fd: number;

  /** `keepBytes`: what the file held before this sweep (undefined: this sweep created it), for discard(). */
  private constructor(readonly file: string, fd: number, private readonly keepBytes: number | undefined) {
    this.fd = fd;
  }

  /** Checks that a --resume file is there to read, before the workers start. */
  static preflightResume(file: string): void {
    let st: Stats;
    try {
      st = statSync(file);
    } catch (e) {
      throw new UsageError(`--resume "${file}": ${describeFsError(e)}`);
    }
    if (!st.isFile()) throw new UsageError(`--resume "${file}": not a file`);
  }

  /**
   * A new file (checked with outputFile before the workers started). It is
   * created exclusively, so a file that appeared meanwhile is refused too;
   * with --force an existing one is replaced.
   */
  static create(out: OutputFile): RecordWriter {
    try {
      return new RecordWriter(out.path, openSync(out.path, out.force ? 'w' : 'wx'), undefined);
    } catch (e) {
      throw outputFileError(out, e);
    }
  }

  /** An existing file, cut back to `validBytes` first (dropping a cut-off last line). */
  static resume(file: string, validBytes: number): RecordWriter {
    try {
      const fd = openSync(file, 'r+');
      if (statSync(file).size !== validBytes) ftruncateSync(fd, validBytes);
      closeSync(fd);
      return new RecordWriter(file, openSync(file, 'a'), validBytes);
    } catch (e) {
      throw new UsageError(`--resume "${file}": ${describeFsError(e)}`);
    }
  }

  write(line: string): void {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      for (let off = 0; off < bytes.length;) off += writeSync(this.fd, bytes, off);
    } catch (e) {
      throw new UsageError(`"${this.file}": ${describeFsError(e)}`);
    }
  }

  close(): void {
    if (this.fd < 0) return;
    try { closeSync(this.fd); } catch { /* already closed */ }
    this.fd = -1;
  }

  /**
   * Undoes this sweep's writes after bad input stopped it (a user's scenario
   * that threw): a file it created is removed, a resumed one is cut back to
   * what it held before.
   */
  discard(): void {
    this.close();
    try {
      if (this.keepBytes === undefined) unlinkSync(this.file);
      else truncateSync(this.file, this.keepBytes);
    } catch { /* nothing more can be done; the error being reported matters more */ }
  }
}
