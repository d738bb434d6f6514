import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the HDFS HA models write to the trace (source: the ZooKeeper, NameNode, ZKFC or client name). */
export type HdfsEvents = {
  /** ZooKeeper expired a session that was not heard for its timeout; its ephemeral znodes are gone. */
  'session-expired': { client: string; session: number; deleted: string[] };
  'zk-down': undefined;
  'zk-up': undefined;
  /** A NameNode changed its HA state (epoch: its writer epoch on the JournalNodes when active). */
  'ha-state': { state: 'active' | 'standby'; epoch: number };
  /** The NameNode process exited (crash fault, fenced by sshfence, or aborted on rejected edits). */
  'process-stopped': { cause: string };
  'process-started': undefined;
  'host-down': undefined;
  'host-up': undefined;
  'paused': { durationMs: number };
  'resumed': undefined;
  'partitioned': undefined;
  'healed': undefined;
  /** The JournalNodes refused its edits: a newer writer holds the epoch (or no majority answered); the NameNode aborts. */
  'edits-rejected': { epoch: number; committedTxId: number };
  /** A NameNode read the edits it had not applied, before becoming active. */
  'caught-up': { edits: number; ms: number };
  /** The ZKFC's view of its NameNode's health changed. */
  'health': { state: 'healthy' | 'not-responding' };
  'joined-election': undefined;
  'quit-election': { releasedLock: boolean };
  'lock-acquired': undefined;
  'fence-graceful': { target: string; ok: boolean };
  'fence-method': { target: string; method: string; ok: boolean };
  'fence-failed': { target: string };
  'became-active': undefined;
  'became-standby': undefined;
  'become-active-failed': { reason: string };
  /** One client call to one NameNode and its outcome. */
  'attempt': { client: string; namenode: string; attempt: number; outcome: string };
  /**
   * A read's failover (failovers: its own count, which the 15-attempt limit uses). switched: whether it moved
   * the client's shared proxy; false when another call already had since this one was sent. to: where the proxy points now.
   */
  'failover': { client: string; from: string; to: string; failovers: number; switched: boolean };
  'sleep': { client: string; ms: number };
  'breaker-rejected': { client: string; namenode: string };
  'read-done': { client: string; path: string; ok: boolean; attempts: number; error: string | null };
};
export type HdfsRecord = RecordOf<HdfsEvents>;
