import { z } from 'zod';

/**
 * Seed 000, Scenario B: a popular feature-vector key in a shared cache, read
 * by the inference API's processes; it expires while 1,000 requests arrive
 * together. Figures the seed does not give are ASSUMPTIONs: 4 API processes
 * (uvicorn workers), a 200 ms model computation on 4 cores, 50 MB each.
 */
export const featureCacheParams = z.object({
  mitigation: z.enum(['none', 'coalesce', 'early-linear', 'xfetch']).default('coalesce')
    .describe('none; coalesce (the seed\'s in-flight dict); early-linear (the seed\'s should_refresh); xfetch (beta below)'),
  cache: z.enum(['redis', 'in-process']).default('redis').describe('redis: the seed\'s Redis over the network (a round trip per GET); in-process: a TTL store answering at once'),
  redisTimeoutMs: z.number().positive().default(1_000).describe('the API\'s Redis client timeout: ASSUMPTION'),
  coalesceScope: z.enum(['per-process', 'shared']).default('per-process').describe('the seed\'s dict lives in each API process; shared: one lock for all (e.g. in Redis)'),
  processes: z.number().int().positive().default(4).describe('API processes (uvicorn workers x replicas): ASSUMPTION'),
  ttlMs: z.number().positive().default(300_000).describe('the seed: redis.set(key, result, ex=300)'),
  expiresAtMs: z.number().nonnegative().default(60_000).describe('when the popular key expires (it was cached before the run)'),
  burstRequests: z.number().int().nonnegative().default(1_000).describe('the seed: 1000 concurrent requests'),
  burstSpreadMs: z.number().nonnegative().default(10).describe('the burst arrives within this window, from the expiry on'),
  steadyRatePerS: z.number().nonnegative().default(50).describe('reads of the key before and after the burst (Poisson)'),
  computeMs: z.number().positive().default(200).describe('median model computation (log-normal, cv 0.5): ASSUMPTION'),
  cores: z.number().int().positive().default(4).describe('computations the inference service runs at once'),
  memoryPerComputationBytes: z.number().int().nonnegative().default(52_428_800).describe('50 MiB per computation in flight: ASSUMPTION'),
  memoryLimitBytes: z.number().int().nonnegative().default(4_294_967_296).describe('the inference container\'s limit (4 GiB)'),
  beta: z.number().positive().default(1).describe('XFetch beta (1 as in the paper)'),
  clientTimeoutMs: z.number().positive().default(5_000).describe('a request not answered by then counts as timed out'),
  firstComputationFails: z.boolean().default(false).describe('the fault variant: the computations in flight at the expiry fail'),
  durationMs: z.number().positive().default(120_000),
});
export type FeatureCacheParams = z.output<typeof featureCacheParams>;
