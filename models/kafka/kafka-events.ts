import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the broker's group coordinator writes to the trace. */
export type GroupEvents = {
  'member-left': { group: string; member: string; generation: number };
  'member-expired': { group: string; member: string; generation: number };
  'rebalance-started': { group: string; generation: number; reason: string };
  'member-removed': { group: string; member: string; reason: string };
  rebalance: { group: string; generation: number; assignment: string[] };
};

/** What a consumer writes to the trace (source: its member id). */
export type ConsumerEvents = {
  'poll-timeout': { group: string; maxPollIntervalMs: number };
  'commit-failed': { group: string; generation: number; error: string; auto: boolean };
  killed: { group: string; generation: number };
  closed: { group: string; generation: number };
};

/** What a producer writes to the trace when it gives up on a batch. */
export type ProducerEvents = {
  'give-up': { topic: string; partition: number; records: number; error: string };
};

/** What the broker process writes to the trace. */
export type BrokerEvents = {
  crash: { restartAfterMs: number | null };
  restart: undefined;
};

export type KafkaTraceRecord = RecordOf<GroupEvents & ConsumerEvents & ProducerEvents & BrokerEvents>;
