/** What every HDFS client's read() reports. */
export interface ReadResult {
  readonly ok: boolean;
  /** Calls made to NameNodes (breaker rejections not counted). */
  readonly attempts: number;
  /** The NameNode that served the read, or null. */
  readonly servedBy: string | null;
  /** Why it failed, or null. */
  readonly error: string | null;
  /** From read() to done, in ms. */
  readonly elapsedMs: number;
}

export interface HdfsClient {
  readonly kind: string;
  read(path: string, done: (result: ReadResult) => void): void;
}
