import { ms, type Micros } from '../../src/kernel/time.js';
import type { AssignmentStrategy } from './protocol.js';

/**
 * Consumer configuration, Java client names in camelCase. Defaults from the
 * Java client (snapshot 2024-10) [KAFKA-CC], [KAFKA-CCC], [KAFKA-GRC].
 * The optional fields were added beyond the first interface; they default as
 * in DEFAULT_CONSUMER when left out.
 */
export interface ConsumerOptions {
  groupId: string;
  /** session.timeout.ms: a member silent this long is removed (classic protocol: 45 s). */
  sessionTimeoutMs: number;
  /** heartbeat.interval.ms (3 s; the docs say at most a third of the session timeout). */
  heartbeatIntervalMs: number;
  maxPollRecords: number;
  enableAutoCommit: boolean;
  autoCommitIntervalMs: number;
  autoOffsetReset: 'earliest' | 'latest';
  requestTimeoutMs: number;
  /** max.poll.interval.ms (5 min): the consumer leaves the group if poll() is not called for this long; also the rebalance timeout. */
  maxPollIntervalMs?: number;
  /** retry.backoff.ms / retry.backoff.max.ms: 100 ms doubling up to 1 s, ±20 % jitter. */
  retryBackoffMs?: number;
  retryBackoffMaxMs?: number;
  /** default.api.timeout.ms (60 s): how long commitSync keeps retrying while the broker is unreachable. */
  defaultApiTimeoutMs?: number;
  /** fetch.max.wait.ms (500 ms): how long the broker holds a fetch that finds no records. */
  fetchMaxWaitMs?: number;
  /** partition.assignment.strategy: the Java default list starts with the range assignor. */
  assignmentStrategy?: AssignmentStrategy;
}

/** Every default, optional fields included. group.id has no default in Kafka; set your own. */
export const DEFAULT_CONSUMER: Required<ConsumerOptions> = {
  groupId: 'group',
  sessionTimeoutMs: 45000,
  heartbeatIntervalMs: 3000,
  maxPollRecords: 500,
  enableAutoCommit: true,
  autoCommitIntervalMs: 5000,
  autoOffsetReset: 'latest',
  requestTimeoutMs: 30000,
  maxPollIntervalMs: 300000,
  retryBackoffMs: 100,
  retryBackoffMaxMs: 1000,
  defaultApiTimeoutMs: 60000,
  fetchMaxWaitMs: 500,
  assignmentStrategy: 'range',
};

/** The options in kernel units, every optional one filled in. */
export interface ResolvedConsumerOptions {
  readonly groupId: string;
  readonly sessionTimeout: Micros;
  readonly heartbeatInterval: Micros;
  readonly maxPollRecords: number;
  readonly enableAutoCommit: boolean;
  readonly autoCommitInterval: Micros;
  readonly autoOffsetReset: 'earliest' | 'latest';
  readonly requestTimeout: Micros;
  readonly maxPollInterval: Micros;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  readonly defaultApiTimeout: Micros;
  readonly fetchMaxWait: Micros;
  readonly assignmentStrategy: AssignmentStrategy;
}

export function resolveConsumerOptions(o: ConsumerOptions): ResolvedConsumerOptions {
  const d = DEFAULT_CONSUMER;
  if (!(o.maxPollRecords >= 1)) throw new Error(`consumer ${o.groupId}: maxPollRecords must be at least 1`);
  if (!(o.heartbeatIntervalMs > 0)) throw new Error(`consumer ${o.groupId}: heartbeatIntervalMs must be positive`);
  return {
    groupId: o.groupId,
    sessionTimeout: ms(o.sessionTimeoutMs),
    heartbeatInterval: ms(o.heartbeatIntervalMs),
    maxPollRecords: o.maxPollRecords,
    enableAutoCommit: o.enableAutoCommit,
    autoCommitInterval: ms(o.autoCommitIntervalMs),
    autoOffsetReset: o.autoOffsetReset,
    requestTimeout: ms(o.requestTimeoutMs),
    maxPollInterval: ms(o.maxPollIntervalMs ?? d.maxPollIntervalMs),
    retryBackoffMs: o.retryBackoffMs ?? d.retryBackoffMs,
    retryBackoffMaxMs: o.retryBackoffMaxMs ?? d.retryBackoffMaxMs,
    defaultApiTimeout: ms(o.defaultApiTimeoutMs ?? d.defaultApiTimeoutMs),
    fetchMaxWait: ms(o.fetchMaxWaitMs ?? d.fetchMaxWaitMs),
    assignmentStrategy: o.assignmentStrategy ?? d.assignmentStrategy,
  };
}
