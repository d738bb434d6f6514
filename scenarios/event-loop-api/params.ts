import { z } from 'zod';

/**
 * Seed 000, Scenario C: the inference API is one asyncio event loop. Most
 * requests are answered from the loop alone (0.5 ms); a share needs a
 * CPU-bound inference of 100 ms (the seed's "blocked" 10 req/s is one loop
 * doing 100 ms per request). With offload=off the inference runs inside the
 * `async def` handler, on the loop: the seed's bug.
 */
export const eventLoopParams = z.object({
  offload: z.enum(['off', 'on']).default('off').describe('off: inference on the loop (the bug); on: a process pool of `processes`'),
  processes: z.number().int().positive().default(4).describe('process-pool workers when offloaded'),
  ratePerS: z.number().positive().default(1_000).describe('the seed\'s normal throughput: 1000 req/s offered (Poisson)'),
  loopCostMs: z.number().nonnegative().default(0.5).describe('loop CPU per request (parse, route, respond): ASSUMPTION'),
  inferenceMs: z.number().positive().default(100).describe('CPU of one inference (the seed\'s blocked 10 req/s = 100 ms each)'),
  inferenceFraction: z.number().min(0).max(1).default(0.004).describe('share of requests that run inference (4/s: the loop at 90 % when blocked): ASSUMPTION'),
  breaker: z.enum(['on', 'off']).default('on').describe('the seed\'s InferenceCircuitBreaker (queue depth 50, cooldown 30 s)'),
  backlog: z.number().int().positive().default(2_048).describe('uvicorn/gunicorn accept backlog'),
  durationMs: z.number().positive().default(60_000),
});
export type EventLoopParams = z.output<typeof eventLoopParams>;
