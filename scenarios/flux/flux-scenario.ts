import type { Simulation } from '../../src/kernel/simulation.js';
import type { TraceRecord } from '../../src/kernel/trace.js';
import type { FaultSpec } from '../../src/scenario/fault-spec.js';
import { defineScenario, type Claim } from '../../src/scenario/scenario.js';
import { DEFAULT_CONSUMER } from '../../models/kafka/consumer.js';
import { DEFAULT_PRODUCER } from '../../models/kafka/producer.js';
import { buildFluxSystem, type FluxSystem } from '../../models/flux/flux-system.js';
import { fluxParams, type FluxDefaults, type FluxParams } from './params.js';
import { FLUX_METRIC_INFO, fluxMetrics, type FluxMetrics } from './metrics.js';
import type { FaultSpace } from '../../src/scenario/fault-space.js';
import { acceptedOrdersKept } from '../invariants/accepted-orders-kept.js';
import { notOversold } from '../invariants/not-oversold.js';
import { ordersProcessedAtLeastOnce } from '../invariants/orders-processed.js';
import { lagDrains } from '../invariants/lag-drains.js';
import { fluxSometimes } from '../sometimes/flux.js';
import { fluxPanes, fluxSeries } from './panes.js';

export const FLUX_SOURCE = 'seeds/002_c52631de9649282e.txt (Flux-Gate failure modes)';

export interface FluxScenarioSpec {
  readonly id: string;
  readonly title: string;
  /** The section of the document the failure comes from. */
  readonly section: string;
  readonly description: string;
  readonly defaults?: Partial<FluxDefaults>;
  faults(p: FluxParams): FaultSpec[];
  readonly claims: readonly Claim<FluxParams, FluxMetrics>[];
  /** The faults `sim check` may try on this failure, if it has any. */
  readonly faultSpace?: FaultSpace<FluxParams>;
}

/**
 * What every flux scenario must keep, whatever fails. Lag is judged once the
 * sale is over and the faults too, with a session timeout (a dead worker's
 * partitions wait that long) and 30 s more to drain.
 */
const FLUX_INVARIANTS = [
  acceptedOrdersKept,
  notOversold((p: FluxParams) => p.initialStock),
  ordersProcessedAtLeastOnce,
  lagDrains((p: FluxParams) => p.sessionTimeoutMs + 30_000, (p: FluxParams) => p.saleStartMs + p.saleWindowMs),
];

/** One flux scenario: the shared Flux-Gate system, this failure's schedule and this section's claims. */
export function fluxScenario(spec: FluxScenarioSpec) {
  return defineScenario({
    id: spec.id,
    title: spec.title,
    source: `${FLUX_SOURCE}, ${spec.section}`,
    description: spec.description,
    params: fluxParams(spec.defaults),
    durationMs: (p) => p.durationMs,
    faults: (p) => spec.faults(p),
    build: (sim: Simulation, p: FluxParams): FluxSystem => buildFluxSystem(sim, systemOptions(p)),
    metrics: (system, sim, p) => fluxMetrics(system, sim, p),
    metricInfo: FLUX_METRIC_INFO,
    claims: spec.claims,
    invariants: FLUX_INVARIANTS,
    ...(spec.faultSpace === undefined ? {} : { faultSpace: spec.faultSpace }),
    sometimes: fluxSometimes,
    timeline: describeFlux,
    inspect: (system, sim) => fluxPanes(system, sim),
    series: (system) => fluxSeries(system),
  });
}

function systemOptions(p: FluxParams) {
  const retrying = p.mitigation === 'retry';
  return {
    productId: 'iphone-15',
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
      productId: 'iphone-15',
      saleStartMs: p.saleStartMs,
      saleWindowMs: p.saleWindowMs,
      requestTimeoutMs: p.requestTimeoutMs,
      maxAttempts: p.maxAttempts,
      backoffBaseMs: 200,
      backoffCapMs: 3_000,
    },
  };
}

/** Per-request records that would drown the timeline; metrics count them. */
const QUIET = new Set(['reply', 'give-up', 'sold-out-in-db', 'sold-out', 'timeouts', 'evicted', 'oom', 'commit-failed']);

/** Key events: faults, component state changes, rebalances, inconsistencies. */
function describeFlux(rec: TraceRecord): string | null {
  if (QUIET.has(rec.kind)) return null;
  const d = rec.data;
  if (rec.source === 'fault') return `fault injected: ${rec.kind} ${d?.['target']}${d?.['params'] ? ` ${d['params']}` : ''}`;
  const details = d === undefined ? '' : ' ' + Object.entries(d).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : v}`).join(' ');
  return `${rec.kind}${details}`;
}

