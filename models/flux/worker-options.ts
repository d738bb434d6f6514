import type { ConsumerOptions } from '../kafka/consumer.js';

/** When the worker commits offsets (worker.ts). */
export type CommitMode = 'after' | 'before' | 'auto';

export interface WorkerOptions {
  readonly commitMode: CommitMode;
  readonly consumer: Omit<ConsumerOptions, 'enableAutoCommit'>;
  readonly pollWaitMs: number;
  readonly retryBackoffMs: number;
  /** Records of one poll persisted in parallel (KafkaJS partitionsConsumedConcurrently-style); 1 = one at a time. */
  readonly concurrency: number;
}
