import { z } from 'zod';

/**
 * Parameters every flux scenario shares. Defaults follow the Flux-Gate
 * document and the reference defaults of each component; a scenario
 * overrides the defaults that set up its failure. Mitigations from the
 * document's Prevention sections are switches here, so `--set` shows what
 * each one changes.
 */
export const fluxParams = z.object({
  initialStock: z.number().int().nonnegative().default(200),
  clients: z.number().int().positive().default(300).describe('buyers, one order each'),
  // The worker group has settled (first assignment after the 3 s initial
  // rebalance delay) before the sale starts, as in production.
  saleStartMs: z.number().nonnegative().default(10_000),
  saleWindowMs: z.number().positive().default(60_000),
  requestTimeoutMs: z.number().positive().default(3_000),
  maxAttempts: z.number().int().positive().default(4),
  apiInstances: z.number().int().positive().default(3),
  rateLimitPerS: z.number().positive().default(5),
  rateLimitBurst: z.number().positive().default(10),
  rateLimitFailOpen: z.boolean().default(false),
  idempotencyTtlMs: z.number().positive().default(600_000),
  mitigation: z.enum(['none', 'retry', 'outbox', 'compensate']).default('none').describe('what the API does about a failed Kafka publish'),
  redisPersistence: z.enum(['none', 'rdb', 'aof-everysec', 'aof-always']).default('rdb'),
  redisMaxmemoryBytes: z.number().int().nonnegative().default(0),
  redisPolicy: z.enum(['noeviction', 'allkeys-lru', 'volatile-lru', 'allkeys-random', 'volatile-random', 'volatile-ttl']).default('noeviction'),
  stockReinit: z.enum(['none', 'from-db']).default('from-db').describe('operator step after Redis returns: re-initialise stock from PostgreSQL'),
  reinitDelayMs: z.number().nonnegative().default(5_000),
  kafkaPartitions: z.number().int().positive().default(3),
  producerRequestTimeoutMs: z.number().positive().default(2_000),
  workers: z.number().int().positive().default(2),
  commitMode: z.enum(['after', 'before', 'auto']).default('after').describe('offset commit after processing, before it, or auto-commit'),
  sessionTimeoutMs: z.number().positive().default(45_000),
  autoCommitIntervalMs: z.number().positive().default(5_000),
  maxPollRecords: z.number().int().positive().default(500),
  workerConcurrency: z.number().int().positive().default(1).describe('records a worker persists in parallel'),
  workerStartupMs: z.number().nonnegative().default(3_000),
  dbQueryMs: z.number().nonnegative().default(2),
  poolMax: z.number().int().positive().default(10),
  poolAcquireTimeoutMs: z.number().nonnegative().default(0).describe('0 waits forever (pg.Pool default)'),
  statementTimeoutMs: z.number().positive().default(30_000),
  faultAtMs: z.number().nonnegative().default(25_000),
  faultForMs: z.number().nonnegative().default(20_000).describe('how long the failed component stays down'),
  durationMs: z.number().positive().default(180_000).describe('run length, drain period included'),
});
export type FluxParams = z.output<typeof fluxParams>;
