import { z } from 'zod';

/**
 * Parameters every flux scenario shares. Defaults follow the Flux-Gate
 * document and the reference defaults of each component; a scenario
 * overrides the defaults that set up its failure. Mitigations from the
 * document's Prevention sections are switches here, so `--set` shows what
 * each one changes.
 */
export function fluxParams(overrides: Partial<FluxDefaults> = {}) {
  const d = { ...FLUX_DEFAULTS, ...overrides };
  return z.object({
    initialStock: z.number().int().nonnegative().default(d.initialStock),
    clients: z.number().int().positive().default(d.clients).describe('buyers, one order each'),
    saleStartMs: z.number().nonnegative().default(d.saleStartMs),
    saleWindowMs: z.number().positive().default(d.saleWindowMs),
    requestTimeoutMs: z.number().positive().default(d.requestTimeoutMs),
    maxAttempts: z.number().int().positive().default(d.maxAttempts),
    apiInstances: z.number().int().positive().default(d.apiInstances),
    rateLimitPerS: z.number().positive().default(d.rateLimitPerS),
    rateLimitBurst: z.number().positive().default(d.rateLimitBurst),
    rateLimitFailOpen: z.boolean().default(d.rateLimitFailOpen),
    idempotencyTtlMs: z.number().positive().default(d.idempotencyTtlMs),
    mitigation: z.enum(['none', 'retry', 'outbox', 'compensate']).default(d.mitigation).describe('what the API does about a failed Kafka publish'),
    redisPersistence: z.enum(['none', 'rdb', 'aof-everysec', 'aof-always']).default(d.redisPersistence),
    redisMaxmemoryBytes: z.number().int().nonnegative().default(d.redisMaxmemoryBytes),
    redisPolicy: z.enum(['noeviction', 'allkeys-lru', 'volatile-lru', 'allkeys-random', 'volatile-random', 'volatile-ttl']).default(d.redisPolicy),
    stockReinit: z.enum(['none', 'from-db']).default(d.stockReinit).describe('operator step after Redis returns: re-initialise stock from PostgreSQL'),
    reinitDelayMs: z.number().nonnegative().default(d.reinitDelayMs),
    kafkaPartitions: z.number().int().positive().default(d.kafkaPartitions),
    producerRequestTimeoutMs: z.number().positive().default(d.producerRequestTimeoutMs),
    workers: z.number().int().positive().default(d.workers),
    commitMode: z.enum(['after', 'before', 'auto']).default(d.commitMode).describe('offset commit after processing, before it, or auto-commit'),
    sessionTimeoutMs: z.number().positive().default(d.sessionTimeoutMs),
    autoCommitIntervalMs: z.number().positive().default(d.autoCommitIntervalMs),
    maxPollRecords: z.number().int().positive().default(d.maxPollRecords),
    workerConcurrency: z.number().int().positive().default(d.workerConcurrency).describe('records a worker persists in parallel'),
    workerStartupMs: z.number().nonnegative().default(d.workerStartupMs),
    dbQueryMs: z.number().nonnegative().default(d.dbQueryMs),
    poolMax: z.number().int().positive().default(d.poolMax),
    poolAcquireTimeoutMs: z.number().nonnegative().default(d.poolAcquireTimeoutMs).describe('0 waits forever (pg.Pool default)'),
    statementTimeoutMs: z.number().positive().default(d.statementTimeoutMs),
    faultAtMs: z.number().nonnegative().default(d.faultAtMs),
    faultForMs: z.number().nonnegative().default(d.faultForMs).describe('how long the failed component stays down'),
    durationMs: z.number().positive().default(d.durationMs).describe('run length, drain period included'),
  });
}

export const FLUX_DEFAULTS = {
  initialStock: 200,
  clients: 300,
  // The worker group has settled (first assignment after the 3 s initial
  // rebalance delay) before the sale starts, as in production.
  saleStartMs: 10_000,
  saleWindowMs: 60_000,
  requestTimeoutMs: 3_000,
  maxAttempts: 4,
  apiInstances: 3,
  rateLimitPerS: 5,
  rateLimitBurst: 10,
  rateLimitFailOpen: false,
  idempotencyTtlMs: 600_000,
  mitigation: 'none' as 'none' | 'retry' | 'outbox' | 'compensate',
  redisPersistence: 'rdb' as 'none' | 'rdb' | 'aof-everysec' | 'aof-always',
  redisMaxmemoryBytes: 0,
  redisPolicy: 'noeviction' as 'noeviction' | 'allkeys-lru' | 'volatile-lru' | 'allkeys-random' | 'volatile-random' | 'volatile-ttl',
  stockReinit: 'from-db' as 'none' | 'from-db',
  reinitDelayMs: 5_000,
  kafkaPartitions: 3,
  producerRequestTimeoutMs: 2_000,
  workers: 2,
  commitMode: 'after' as 'after' | 'before' | 'auto',
  sessionTimeoutMs: 45_000,
  autoCommitIntervalMs: 5_000,
  maxPollRecords: 500,
  workerConcurrency: 1,
  workerStartupMs: 3_000,
  dbQueryMs: 2,
  poolMax: 10,
  poolAcquireTimeoutMs: 0,
  statementTimeoutMs: 30_000,
  faultAtMs: 25_000,
  faultForMs: 20_000,
  durationMs: 180_000,
};
export type FluxDefaults = typeof FLUX_DEFAULTS;
export type FluxParams = z.output<ReturnType<typeof fluxParams>>;
