import { z } from 'zod';

const MiB = 1_048_576;

/**
 * The governance firewall of seed 004: API pods behind a Service (a
 * Deployment with CPU and memory limits and an HPA), PostgreSQL behind a
 * pool per pod, API keys and JWTs, a per-client token bucket, an external
 * API behind a breaker, migrations, a daily integrity check. The seed's
 * figures are the defaults; where it gives none the default is marked
 * ASSUMPTION. Mitigation switches use failsim's common names (retry,
 * breaker, fallback, mitigation).
 */
export const firewallParams = z.object({
  durationMs: z.number().positive().default(600_000).describe('how long clients send requests'),
  faultAtMs: z.number().nonnegative().default(60_000).describe('when the scenario\'s failure starts'),
  faultForMs: z.number().positive().default(120_000).describe('how long it lasts, where it ends by itself'),
  // Traffic.
  clients: z.number().int().positive().default(20).describe('legitimate API clients (each its own key and token)'),
  ratePerS: z.number().positive().default(40).describe('legitimate requests per second, all clients together (Poisson): ASSUMPTION'),
  rampTo: z.number().positive().default(1).describe('the load ramps linearly from 1x at faultAtMs to this multiple at faultAtMs + faultForMs'),
  clientRetries: z.number().int().nonnegative().default(2).describe('retries a client makes after a 5xx, 429 or timeout (exponential back-off with full jitter, Retry-After honoured)'),
  clientTimeoutMs: z.number().positive().default(35_000).describe('a client gives up on an answer after this long (above the server\'s 30 s timeouts)'),
  latencyObjectiveMs: z.number().positive().default(1_000).describe('the SLI: a request is good when answered without a server error within this: ASSUMPTION'),
  // Pods.
  replicas: z.number().int().positive().default(3).describe('Deployment replicas (the HPA\'s minReplicas)'),
  maxReplicas: z.number().int().positive().default(10).describe('HPA maxReplicas: ASSUMPTION'),
  hpa: z.enum(['on', 'off']).default('on'),
  hpaTargetCpuPct: z.number().positive().default(70).describe('HPA target CPU utilisation of the request (the seed alerts above 70 %)'),
  workersPerPod: z.number().int().positive().default(4).describe('uvicorn worker processes per pod: ASSUMPTION'),
  cpuLimitMillicores: z.number().int().positive().default(500).describe('seed 004: CPU limit 500m'),
  cpuRequestMillicores: z.number().int().positive().default(250).describe('CPU request (the HPA\'s 100 %): ASSUMPTION'),
  cpuPerRequestMs: z.number().nonnegative().default(8).describe('CPU of one request (validation, policy evaluation, serialisation): ASSUMPTION'),
  memoryLimitBytes: z.number().int().positive().default(512 * MiB).describe('seed 004: memory limit 512Mi'),
  baseMemoryBytes: z.number().int().nonnegative().default(200 * MiB).describe('the pod at rest: ASSUMPTION'),
  memoryPerRequestBytes: z.number().int().nonnegative().default(2 * MiB).describe('what one request in flight holds: ASSUMPTION'),
  startupMs: z.number().nonnegative().default(8_000).describe('container start to the app listening (Python imports, config, schema check): ASSUMPTION'),
  preStopMs: z.number().nonnegative().default(5_000).describe('preStop sleep before SIGTERM, so a deleted pod leaves the endpoints before it stops accepting (0: the kube-proxy race drops requests): ASSUMPTION'),
  queueLimitPerPod: z.number().int().nonnegative().default(100).describe('requests waiting in a pod beyond its workers; more get 503'),
  configValidation: z.enum(['fail-fast', 'lazy']).default('fail-fast').describe('seed 004: configuration validated at start-up (Pydantic), or read when first used'),
  schemaCheck: z.enum(['fail-fast', 'off']).default('fail-fast').describe('seed 004: the schema version checked at start-up'),
  requestTimeoutMs: z.number().positive().default(30_000).describe('the server\'s request timeout: a request still waiting then gets 504'),
  // Database.
  dbQueryMs: z.number().nonnegative().default(4).describe('a healthy query: ASSUMPTION'),
  dbMaxConnections: z.number().int().positive().default(100).describe('PostgreSQL max_connections (its default)'),
  poolSize: z.number().int().positive().default(5).describe('connections per pod kept open (seed 004: the pool maintains minimum connections)'),
  queryTimeoutMs: z.number().positive().default(30_000).describe('seed 004: query timeout 30 s, answered 504'),
  reconnectBaseMs: z.number().positive().default(1_000).describe('seed 004: reconnect back-off 1, 2, 4, 8 s ...'),
  reconnectCapMs: z.number().positive().default(30_000).describe('seed 004: ... max 30 s'),
  // Auth and rate limit.
  tokenLifetimeMs: z.number().positive().default(900_000).describe('JWT lifetime (exp - iat): ASSUMPTION 15 min'),
  tokenRefresh: z.enum(['proactive', 'on-401']).default('on-401').describe('clients refresh before expiry, or after a 401 "token expired" (seed 004: "Client handles token refresh")'),
  leewayS: z.number().nonnegative().default(10).describe('seed 004: JWT clock skew tolerance 10 s'),
  rateLimitPerMin: z.number().positive().default(250).describe('seed 004: 250 requests per minute per client'),
  rateLimitBurst: z.number().int().positive().default(50).describe('token bucket capacity ("burst allowance"): ASSUMPTION'),
  rateLimiter: z.enum(['per-pod', 'shared']).default('per-pod').describe('per-pod: each pod keeps its own buckets (the limit times the replicas); shared: one store (Redis)'),
  rateLimitOrder: z.enum(['before-auth', 'after-auth']).default('before-auth').describe('before-auth: a middleware keyed by client IP counts every request; after-auth: a route decorator behind the auth dependency (FastAPI resolves dependencies first), so failed logins are never counted'),
  badPayloadShare: z.number().min(0).max(1).default(0).describe('from faultAtMs, this share of legitimate requests carries an invalid payload (a client release with a bug)'),
  bruteForcePerS: z.number().nonnegative().default(0).describe('an attacker\'s requests with invalid credentials per second, from one client'),
  greedyClientPerS: z.number().nonnegative().default(0).describe('one legitimate client that sends this many requests per second on top of the others'),
  // External API.
  externalShare: z.number().min(0).max(1).default(0.25).describe('share of requests that call the external API: ASSUMPTION'),
  externalMs: z.number().nonnegative().default(80).describe('a healthy external call: ASSUMPTION'),
  externalTimeoutMs: z.number().positive().default(30_000).describe('seed 004: 30 s'),
  retry: z.enum(['none', 'exponential']).default('exponential').describe('seed 004: 3 attempts with exponential back-off'),
  breaker: z.enum(['none', 'consecutive']).default('consecutive').describe('seed 004: open after 5 failures (pybreaker: fail_max 5, reset 60 s)'),
  fallback: z.enum(['none', 'cache', 'default']).default('cache').describe('seed 004: cached data or degraded mode'),
  // Deployment.
  maxSurgePct: z.number().min(0).max(100).default(25),
  maxUnavailablePct: z.number().min(0).max(100).default(0).describe('seed 004: maxUnavailable 0'),
  progressDeadlineMs: z.number().positive().default(600_000).describe('progressDeadlineSeconds 600 (seed 004: "deployment timeout (10 minutes)")'),
  integrityCheckPeriodMs: z.number().positive().default(86_400_000).describe('seed 004: integrity check daily'),
  restoreRowsPerS: z.number().positive().default(0.1).describe('rows (and logged writes) a restore brings back per second: the model\'s table, one write a minute, stands for the whole database, so replaying two hours of writes takes 20 minutes: ASSUMPTION'),
  mitigation: z.enum(['on', 'off']).default('on').describe('the scenario\'s documented mitigation (per scenario: CI rollback, fail-fast checks, NetworkPolicy egress rule ...)'),
});
export type FirewallParams = z.output<typeof firewallParams>;
