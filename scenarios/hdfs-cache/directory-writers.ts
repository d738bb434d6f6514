import type { HdfsReadResult, HdfsSource, ReaderService } from '../../models/reader/index.js';

/**
 * Who writes the shared cache directory. A reader writes it after every
 * HDFS read that succeeds (a miss, a scanned file), so wrapping its source
 * sees each write; a write while another live reader is also past the lock
 * (loading, scanning or serving) is an unsynchronised write to a directory
 * two processes modify: the seed's section 7 "race conditions, data
 * corruption". With a lock the second process waits in `locking` and never counts.
 */
export class DirectoryWriters {
  racedWrites = 0;
  writes = 0;
  readonly readers: ReaderService[] = [];

  /** Readers in the directory now (past its lock). */
  inside(): ReaderService[] {
    return this.readers.filter((r) => r.life.alive && (r.phase === 'loading' || r.phase === 'scanning' || r.phase === 'ready'));
  }

  /** The reader `name`'s source, counting its writes. */
  track(name: string, source: HdfsSource): HdfsSource {
    return {
      read: (path: string, done: (r: HdfsReadResult) => void) => source.read(path, (r) => {
        if (r.ok) {
          this.writes++;
          if (this.inside().some((o) => o.name !== name)) this.racedWrites++;
        }
        done(r);
      }),
    };
  }
}
