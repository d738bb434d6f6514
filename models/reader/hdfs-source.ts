/** One file read's outcome: its size, or why it failed (the client's error text). */
export type HdfsReadResult = { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly error: string };

/**
 * Where the reader gets an event-log file from: an HDFS client with its own
 * NameNode failover (models/hdfs), or a fake. `done` is called exactly once,
 * now or later in virtual time.
 */
export interface HdfsSource {
  read(path: string, done: (r: HdfsReadResult) => void): void;
}
