import type { Simulation } from '../../../src/kernel/simulation.js';
import type { NameNode } from '../namenode.js';
import { FailsafeHdfsReader, type FailsafeReaderOptions } from './failsafe-reader.js';
import { JavaHdfsClient, type JavaClientOptions } from './java-client.js';
import type { HdfsClient } from './read-result.js';
import { SingleSweepHdfsClient, type SweepClientOptions } from './single-sweep-client.js';

/** The client a scenario's `client` setting picks. */
export const HDFS_CLIENT_KINDS = ['java', 'rust-single-sweep', 'failsafe'] as const;
export type HdfsClientKind = (typeof HDFS_CLIENT_KINDS)[number];

export type HdfsClientOptions = Partial<JavaClientOptions & SweepClientOptions & FailsafeReaderOptions>;

export function createHdfsClient(sim: Simulation, name: string, kind: HdfsClientKind, namenodes: readonly NameNode[], options: HdfsClientOptions = {}): HdfsClient {
  switch (kind) {
    case 'java': return new JavaHdfsClient(sim, name, namenodes, options);
    case 'rust-single-sweep': return new SingleSweepHdfsClient(sim, name, namenodes, options);
    case 'failsafe': return new FailsafeHdfsReader(sim, name, namenodes, options);
    default: throw new Error(`unknown HDFS client '${String(kind)}' (one of ${HDFS_CLIENT_KINDS.join(', ')})`);
  }
}
