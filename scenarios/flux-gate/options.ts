import { DEFAULT_CONSUMER } from '../../models/kafka/consumer.js';
import { DEFAULT_PRODUCER } from '../../models/kafka/producer.js';
import type { FluxOptions } from '../../models/flux/flux-system.js';
import type { FluxParams } from './params.js';
import { PRODUCT_ID } from './product.js';

/** The Flux-Gate models' options from the scenario's parameters. */
export function fluxOptions(p: FluxParams): FluxOptions {
  const retrying = p.mitigation === 'retry';
  return {
    productId: PRODUCT_ID,
    initialStock: p.initialStock,
    apiInstances: p.apiInstances,
    api: {
      rateLimit: { ratePerS: p.rateLimitPerS, burst: p.rateLimitBurst },
      rateLimitFailOpen: p.rateLimitFailOpen,
      idempotencyTtlMs: p.idempotencyTtlMs,
      mitigation: p.mitigation,
      outboxTimeoutMs: 1_000,
    },
    apiStartupMs: 2_000,
    healthCheck: { intervalMs: 2_000, unhealthyAfter: 2, healthyAfter: 2 },
    redis: { maxmemoryBytes: p.redisMaxmemoryBytes, maxmemoryPolicy: p.redisPolicy, persistence: p.redisPersistence },
    redisTimeoutMs: 1_000,
    stockReinit: p.stockReinit,
    reinitDelayMs: p.reinitDelayMs,
    kafkaPartitions: p.kafkaPartitions,
    // Without the mitigation the API gives up after one request timeout, as
    // the document's handler does; with it, an idempotent producer retries
    // until Kafka's default delivery timeout.
    producer: retrying
      ? { ...DEFAULT_PRODUCER, requestTimeoutMs: p.producerRequestTimeoutMs, deliveryTimeoutMs: 120_000, idempotent: true }
      : { ...DEFAULT_PRODUCER, requestTimeoutMs: p.producerRequestTimeoutMs, deliveryTimeoutMs: p.producerRequestTimeoutMs, retries: 0, idempotent: false },
    workers: p.workers,
    worker: {
      commitMode: p.commitMode,
      // In production the group has committed offsets from long before the
      // sale. Our topic starts empty at t = 0, so 'earliest' stands for those
      // commits: with the default 'latest', a partition first assigned after
      // a crash would skip every order written before it (real Kafka does).
      consumer: { ...DEFAULT_CONSUMER, groupId: 'workers', autoOffsetReset: 'earliest' as const, sessionTimeoutMs: p.sessionTimeoutMs, autoCommitIntervalMs: p.autoCommitIntervalMs, maxPollRecords: p.maxPollRecords },
      pollWaitMs: 500,
      retryBackoffMs: 1_000,
      concurrency: p.workerConcurrency,
    },
    workerStartupMs: p.workerStartupMs,
    dbQueryMs: p.dbQueryMs,
    poolMax: p.poolMax,
    poolAcquireTimeoutMs: p.poolAcquireTimeoutMs,
    statementTimeoutMs: p.statementTimeoutMs,
    sale: {
      clients: p.clients,
      productId: PRODUCT_ID,
      saleStartMs: p.saleStartMs,
      saleWindowMs: p.saleWindowMs,
      requestTimeoutMs: p.requestTimeoutMs,
      maxAttempts: p.maxAttempts,
      backoffBaseMs: 200,
      backoffCapMs: 3_000,
    },
  };
}
