/**
 * Shipped defaults of NameNode HA, each with its source. Keys in brackets are
 * rows of models/REFERENCES.md; "ASSUMPTION" marks a value no source gives
 * (a workload or a cost the simulation needs).
 */

/** ZooKeeper as the ZKFC uses it. */
export interface ZooKeeperOptions {
  /**
   * ha.zookeeper.session-timeout.ms: 5000 in core-default.xml [HADOOP-CORE];
   * the constant in ZKFailoverController.java is 10000 but only applies when
   * core-default.xml is missing from the classpath [ZKFC-JAVA].
   */
  readonly sessionTimeoutMs: number;
}

export const DEFAULT_ZOOKEEPER: ZooKeeperOptions = { sessionTimeoutMs: 5000 };

/** The ZKFC's health monitor and failover controller (core-default.xml "ha properties") [HADOOP-CORE]. */
export interface ZkfcOptions {
  /** ha.health-monitor.check-interval.ms: between two health checks of a healthy NameNode. */
  readonly checkIntervalMs: number;
  /** ha.health-monitor.rpc-timeout.ms: a monitorHealth() call that gets no answer fails after this. */
  readonly healthRpcTimeoutMs: number;
  /** ha.health-monitor.sleep-after-disconnect.ms: after a failed check, before reconnecting. */
  readonly sleepAfterDisconnectMs: number;
  /** ha.health-monitor.connect-retry-interval.ms: between connection attempts to a NameNode that refuses. */
  readonly connectRetryIntervalMs: number;
  /** ha.failover-controller.graceful-fence.rpc-timeout.ms: transitionToStandby on the old active. */
  readonly gracefulFenceTimeoutMs: number;
  /** ha.failover-controller.graceful-fence.connection.retries: one retry after a refused connection (ipc.client.connect.retry.interval, 1000 ms, apart). */
  readonly gracefulFenceConnectionRetries: number;
  /** ha.failover-controller.new-active.rpc-timeout.ms: transitionToActive on the own NameNode. */
  readonly newActiveTimeoutMs: number;
  /** dfs.ha.fencing.ssh.connect-timeout [HADOOP-CORE]: sshfence to a host that does not answer fails after this. */
  readonly sshConnectTimeoutMs: number;
  /**
   * dfs.ha.fencing.methods, tried in order until one succeeds. Hadoop ships
   * none (a ZKFC refuses to start without one); `sshfence` then
   * `shell(/bin/true)` is the usual configuration [HDFS-HA-DOC], [HDFS-CONF-EX].
   */
  readonly fencingMethods: readonly FencingMethod[];
  /** ActiveStandbyElector SLEEP_AFTER_FAILURE_TO_BECOME_ACTIVE: rejoin the election this long after a failed becomeActive [ZKFC-JAVA]. */
  readonly sleepAfterFailureToBecomeActiveMs: number;
}

export type FencingMethod = 'sshfence' | 'shell(/bin/true)';

export const DEFAULT_ZKFC: ZkfcOptions = {
  checkIntervalMs: 1000,
  healthRpcTimeoutMs: 45_000,
  sleepAfterDisconnectMs: 1000,
  connectRetryIntervalMs: 1000,
  gracefulFenceTimeoutMs: 5000,
  gracefulFenceConnectionRetries: 1,
  newActiveTimeoutMs: 60_000,
  sshConnectTimeoutMs: 30_000,
  fencingMethods: ['sshfence', 'shell(/bin/true)'],
  sleepAfterFailureToBecomeActiveMs: 1000,
};

/** A NameNode process and its edit log traffic. */
export interface NameNodeOptions {
  /** dfs.ha.tail-edits.period: the standby reads new edits from the JournalNodes this often (DFSConfigKeys, 60 s) [HDFS-TAIL]. */
  readonly tailEditsPeriodMs: number;
  /** ASSUMPTION (workload): the active writes one batch of edits to the JournalNodes this often. */
  readonly editBatchMs: number;
  /** ASSUMPTION (workload): edits per batch. */
  readonly editsPerBatch: number;
  /** ASSUMPTION: the time a NameNode takes to apply one edit when catching up (tailing or becoming active), µs. */
  readonly applyUsPerEdit: number;
  /** ASSUMPTION: one RPC round trip to a NameNode that answers. */
  readonly rpcLatencyMs: number;
}

export const DEFAULT_NAMENODE: NameNodeOptions = {
  tailEditsPeriodMs: 60_000,
  editBatchMs: 1000,
  editsPerBatch: 100,
  applyUsPerEdit: 100,
  rpcLatencyMs: 1,
};

/** What an HDFS client waits for when a NameNode does not answer (Hadoop IPC) [HADOOP-CORE]. */
export interface IpcOptions {
  /** ipc.client.connect.timeout: a connect to an unreachable host fails after this (no retry: dfs.client.failover.connection.retries.on.timeouts 0). */
  readonly connectTimeoutMs: number;
  /** ipc.client.rpc-timeout.ms: a call accepted by a frozen process fails after this (120000 in Hadoop 3 core-default; ASSUMPTION for older releases, where 0 = forever). */
  readonly rpcTimeoutMs: number;
}

export const DEFAULT_IPC: IpcOptions = { connectTimeoutMs: 20_000, rpcTimeoutMs: 120_000 };
