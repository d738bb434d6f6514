import { z } from 'zod';

/**
 * The patterns system (seed 001): clients call one dependency, or a gateway
 * calls three (Users, Orders, Search), through the patterns of the
 * document. The mitigation switches use the names every failsim system
 * uses: retry, breaker, bulkhead, fallback (and budget for a retry budget).
 * Defaults are the document's figures where it gives them, else the
 * library's as shipped; each scenario changes a few.
 */
export const patternsParams = z.object({
  durationMs: z.number().positive().default(240_000),
  topology: z.enum(['single', 'gateway', 'pool', 'data', 'outbox', 'deploy']).default('single').describe('single: one dependency; gateway: Users, Orders and Search behind one gateway (seed 001, Bulkhead Pattern); pool: an API querying a database through SQLAlchemy\'s QueuePool with the seed\'s settings; data: writes through the validation layers; outbox: a service publishing events through a broker; deploy: blue-green releases'),
  ratePerS: z.number().nonnegative().default(50).describe('steady Poisson request rate (0: none)'),
  clients: z.number().int().nonnegative().default(0).describe('clients that each make one call at the start (0: none)'),
  clientSpreadMs: z.number().nonnegative().default(1_000).describe('the burst clients start uniformly over this window'),
  workers: z.number().int().positive().default(8).describe('requests a dependency serves at once'),
  serviceTimeMs: z.number().nonnegative().default(20).describe('mean service time of a healthy dependency (exponential)'),
  contention: z.enum(['none', 'occ']).default('none').describe('occ: each call is a read-modify-write of one row under optimistic concurrency (Brooker\'s simulator); a write that lost the race fails with a conflict'),
  queueLimit: z.number().int().nonnegative().default(1_000).describe('requests waiting at a dependency beyond its workers; more get 503'),
  oneWayMs: z.number().nonnegative().default(10).describe('network one-way delay |N(oneWayMs, oneWaySdMs)| (Brooker: 10, 2)'),
  oneWaySdMs: z.number().nonnegative().default(2),
  connectTimeoutMs: z.number().positive().default(500).describe('seed 001: 500 ms connect'),
  readTimeoutMs: z.number().positive().default(2_000).describe('seed 001: 2 s read'),
  deadlineMs: z.number().nonnegative().default(0).describe('deadline of a whole call with its retries (0: none)'),
  retry: z.enum(['none', 'immediate', 'exponential', 'full-jitter', 'equal-jitter', 'decorrelated-jitter']).default('none')
    .describe('retry policy; equal-jitter is seed 001\'s own formula (100-200, 200-400, 400-800 ms ...)'),
  maxAttempts: z.number().int().positive().default(4).describe('attempts per call, the first included'),
  retryBaseMs: z.number().nonnegative().default(100).describe('seed 001: base 100 ms'),
  retryCapMs: z.number().nonnegative().default(30_000).describe('seed 001: max 30 s'),
  budget: z.enum(['none', 'token-bucket', 'percentage']).default('none').describe('retry budget: AWS SDK standard-mode quota, or Finagle\'s 20 % budget'),
  breaker: z.enum(['none', 'consecutive', 'count-window', 'time-window', 'count-in-window', 'opossum']).default('none')
    .describe('count-in-window is seed 001\'s "open after 5 failures in 30 s"; the others are gobreaker, resilience4j (count, time) and opossum as shipped'),
  breakerOpenMs: z.number().positive().optional().describe('how long the breaker stays open (default: the library\'s)'),
  bulkhead: z.enum(['off', 'on']).default('off').describe('gateway: per-downstream pools (Users 50, Orders 100, Search 25) instead of one shared pool of 175'),
  bulkheadType: z.enum(['semaphore', 'thread-pool']).default('semaphore').describe('gateway: semaphores that reject at once, or thread pools as the seed draws them (resilience4j ThreadPoolBulkhead, core = max, a queue of 100)'),
  fallback: z.enum(['none', 'cache', 'default']).default('none'),
  resultSet: z.enum(['whole', 'paginated', 'streamed']).default('whole').describe('how an endpoint holds its result: whole (all rows in memory), paginated (one page), streamed (a cursor buffer)'),
  resultRows: z.number().int().nonnegative().default(0).describe('rows one request reads (0: requests hold no memory)'),
  rowBytes: z.number().int().positive().default(1_024),
  pageRows: z.number().int().positive().default(100),
  streamBufferBytes: z.number().int().positive().default(65_536),
  baseMemoryBytes: z.number().int().nonnegative().default(134_217_728).describe('the process at rest (128 MiB)'),
  memoryLimitBytes: z.number().int().nonnegative().default(0).describe('container memory limit; above it the process is OOM-killed (0: none)'),
  scrapeIntervalMs: z.number().positive().default(15_000).describe('how often the memory alerts (70, 85, 95 %) see the memory (a Prometheus scrape)'),
  prePing: z.boolean().default(true).describe('pool: pool_pre_ping (the seed: true; SQLAlchemy\'s default: false)'),
  poolConnectMs: z.number().nonnegative().default(5).describe('pool: opening a database connection (ASSUMPTION: TCP + authentication in one data centre)'),
  poolPingMs: z.number().nonnegative().default(1).describe('pool: one pre-ping round trip'),
  inputValidation: z.enum(['on', 'off']).default('on').describe('data, layer 1: API schema and business rules'),
  domainValidation: z.enum(['on', 'off']).default('on').describe('data, layer 2: invariants and state transitions'),
  dbConstraints: z.enum(['on', 'off']).default('on').describe('data, layer 3: NOT NULL, CHECK, FOREIGN KEY, unique indexes'),
  reconciliation: z.enum(['on', 'off']).default('on').describe('data, layer 4: the periodic reconciliation job'),
  reconcileIntervalMs: z.number().positive().default(3_600_000).describe('data: time between reconciliation scans (hourly)'),
  reconcileScanMs: z.number().nonnegative().default(60_000).describe('data: how long one scan takes'),
  invalidFraction: z.number().min(0).max(1).default(0.01).describe('data: share of writes that carry a defect (ASSUMPTION)'),
  publish: z.enum(['outbox', 'direct']).default('outbox').describe('outbox: data and event in one transaction, a relay publishes; direct: publish after the commit (a dual write)'),
  idempotentConsumer: z.enum(['on', 'off']).default('on').describe('outbox: the consumer skips event ids it has processed'),
  brokerLoss: z.enum(['unacked', 'acked']).default('unacked').describe('outbox: the broker drops messages before acknowledging them, or after (acks=1 and a leader failure)'),
  migration: z.enum(['none', 'compatible', 'incompatible']).default('compatible').describe('deploy: the schema migration v1.1 ships: compatible (expand) or incompatible (contract: v1.0 fails on the new schema)'),
  faultAtMs: z.number().nonnegative().default(10_000),
  faultForMs: z.number().positive().default(30_000),
});
export type PatternsParams = z.output<typeof patternsParams>;
