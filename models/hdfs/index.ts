/** HDFS NameNode HA (seed 003): ZooKeeper, JournalNodes, NameNodes, ZKFCs, and three client failover strategies. */
export { DEFAULT_IPC, DEFAULT_NAMENODE, DEFAULT_ZKFC, DEFAULT_ZOOKEEPER, type FencingMethod, type IpcOptions, type NameNodeOptions, type ZkfcOptions, type ZooKeeperOptions } from './hdfs-options.js';
export { DEFAULT_JAVA_FAILOVER, decideFailover, failoverSleepBaseMs, failoverSleepMs, javaFailoverSchedule, type AttemptError, type FailoverDecision, type FailoverSchedule, type JavaFailoverOptions } from './failover-schedule.js';
export { JournalQuorum } from './journal-quorum.js';
export { reach, type NameNodeView, type Reach } from './reachability.js';
export { ZooKeeper, type ZkClient } from './zookeeper.js';
export { NameNode } from './namenode.js';
export { HANG_PARAMS, HEAL_PARAMS, NAMENODE_FAULTS, PARTITION_PARAMS } from './namenode-faults.js';
export { HealthMonitor, type HealthState } from './health-monitor.js';
export { Fencer } from './fencer.js';
export { BREADCRUMB_ZNODE, LOCK_ZNODE, Zkfc, type ElectorRole } from './zkfc.js';
export { DEFAULT_HDFS_HA, HdfsHaCluster, type HdfsHaOptions } from './ha-cluster.js';
export type { HdfsEvents, HdfsRecord } from './hdfs-events.js';
export { callNameNode, type NameNodeCallOutcome } from './client/rpc-call.js';
export type { HdfsClient, ReadResult } from './client/read-result.js';
export { DEFAULT_JAVA_CLIENT, JavaHdfsClient, type JavaClientOptions } from './client/java-client.js';
export { DEFAULT_SWEEP_CLIENT, SingleSweepHdfsClient, type SweepClientOptions } from './client/single-sweep-client.js';
export { DEFAULT_FAILSAFE_READER, FailsafeHdfsReader, type FailsafeReaderOptions } from './client/failsafe-reader.js';
export { HDFS_CLIENT_KINDS, createHdfsClient, type HdfsClientKind, type HdfsClientOptions } from './client/client-switch.js';
