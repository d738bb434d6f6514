import { closeSync, ftruncateSync, openSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, describeFsError } from '../cli/errors.js';

/**
 * Appends run records to a sweep file, one line per writeSync, as each run
 * finishes: a killed sweep leaves every finished run in the file and at most
 * one cut-off line at the end, which --resume drops.
 */
export class RecordWriter {
  private fd: number;

  private constructor(readonly file: string, fd: number) {
    this.fd = fd;
  }

  /**
   * The checks create() makes, without creating anything: run before the
   * workers start, so the commonest mistakes cost no scenario loading.
   */
  static preflight(file: string): void {
    let st: Stats | undefined;
    try {
      st = statSync(file);
    } catch { /* does not exist: good, if its directory does */ }
    if (st?.isDirectory()) throw new UsageError(`--out "${file}": is a directory`);
    if (st !== undefined && st.size > 0) {
      throw new UsageError(`--out "${file}": the file exists and is not empty (continue that sweep with --resume ${file}, or remove the file)`);
    }
    if (st === undefined) {
      let dir: Stats;
      try {
        dir = statSync(dirname(resolve(file)));
      } catch (e) {
        throw new UsageError(`--out "${file}": ${describeFsError(e)}`);
      }
      if (!dir.isDirectory()) throw new UsageError(`--out "${file}": a parent is not a directory`);
    }
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

  /** A new file. One that exists and holds anything is refused: results are never overwritten. */
  static create(file: string): RecordWriter {
    RecordWriter.preflight(file);
    try {
      return new RecordWriter(file, openSync(file, 'w'));
    } catch (e) {
      throw new UsageError(`--out "${file}": ${describeFsError(e)}`);
    }
  }

  /** An existing file, cut back to `validBytes` first (dropping a cut-off last line). */
  static resume(file: string, validBytes: number): RecordWriter {
    try {
      const fd = openSync(file, 'r+');
      if (statSync(file).size !== validBytes) ftruncateSync(fd, validBytes);
      closeSync(fd);
      return new RecordWriter(file, openSync(file, 'a'));
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
}
