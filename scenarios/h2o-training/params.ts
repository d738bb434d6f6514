import { z } from 'zod';

/**
 * Seed 000, Scenario D: a network partition separates H2O nodes while a
 * model trains; the Mage block's retry restarts the cloud and trains again.
 * H2O's own figures (1 s heartbeat, 60 s TIMEOUT, three heartbeats to form)
 * live in models/h2o; the figures here the seed does not give are
 * ASSUMPTIONs: a 30 s pod restart, 3 chunks x 100 passes of 1 s each, and a
 * fixed 0.5 ms hop (so the default run can be worked by hand).
 */
export const h2oTrainingParams = z.object({
  nodes: z.number().int().min(2).max(16).default(3).describe('H2O pods (h2o-0 is the leader the client talks to)'),
  isolate: z.enum(['one-node', 'half']).default('one-node')
    .describe('one-node: the last pod is cut off; half: the leader\'s half (floor(n/2) pods) from the rest'),
  partitionAtMs: z.number().nonnegative().default(30_500).describe('when the partition starts (training runs from about 3 s)'),
  healAfterMs: z.number().nonnegative().default(120_000).describe('how long it lasts; 0: it never heals'),
  onLostNode: z.enum(['fail', 'hang', 'partial']).default('fail')
    .describe('fail: the job fails when the node turns unhealthy; hang: H2O\'s RPCs resend for ever; partial: the seed\'s "corrupt model" from part of the data'),
  networkPolicy: z.enum(['off', 'on']).default('off').describe('the seed\'s NetworkPolicy: ingress on 54321-54322 only from app=h2o pods'),
  clientLabelled: z.boolean().default(false).describe('whether the Mage client pod carries app=h2o (the seed\'s policy does not say)'),
  clientTimeoutMs: z.number().positive().default(10_000).describe('h2o.init\'s wait for /3/Cloud before H2OConnectionError: ASSUMPTION'),
  restartMs: z.number().nonnegative().default(30_000).describe('restart_h2o_cluster(): pods deleted, rescheduled, JVMs up: ASSUMPTION'),
  maxAttempts: z.number().int().positive().default(2).describe('the seed\'s block: one try and one retry'),
  chunks: z.number().int().positive().default(3).describe('chunks of the training frame'),
  iterations: z.number().int().positive().default(100).describe('passes over the data (trees, say)'),
  chunkComputeMs: z.number().positive().default(1_000).describe('compute per chunk per pass: ASSUMPTION'),
  hopMs: z.number().positive().default(0.5).describe('one-way pod-to-pod latency, fixed: ASSUMPTION'),
  durationMs: z.number().positive().default(900_000),
});
export type H2OTrainingParams = z.output<typeof h2oTrainingParams>;

/** Pod names, h2o-0 first (the leader). */
export function podNames(p: H2OTrainingParams): string[] {
  return Array.from({ length: p.nodes }, (_, i) => `h2o-${i}`);
}
