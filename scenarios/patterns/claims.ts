import type { Claim } from '../../src/scenario/index.js';
import type { PatternsMetrics } from './metrics.js';
import type { PatternsParams } from './params.js';

type PatternsClaim = Claim<PatternsParams, PatternsMetrics>;

const SEED = 'seed 001';
const s = (ms: number) => (Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const pct = (r: number) => (Number.isNaN(r) ? 'n/a' : `${(r * 100).toFixed(1)} %`);

/**
 * The longest a caller can wait with these timeouts: per attempt, its
 * connect timeout, its read timeout and three one-way delays (the read
 * timeout starts once the SYN-ACK is back; the answer still travels back),
 * plus the longest back-off before each retry, unless a deadline is shorter.
 */
export function latencyBoundMs(p: PatternsParams): number {
  let bound = 0;
  for (let n = 1; n <= p.maxAttempts; n++) {
    bound += p.connectTimeoutMs + p.readTimeoutMs + 3 * p.oneWayMs;
    if (n > 1 && p.retry !== 'none' && p.retry !== 'immediate') bound += p.retryCapMs;
    if (p.retry === 'none') break;
  }
  return p.deadlineMs > 0 ? Math.min(bound, p.deadlineMs + p.oneWayMs) : bound;
}

export const latencyBoundedByTimeouts: PatternsClaim = {
  name: 'with timeouts, a caller never waits longer than they allow',
  source: `${SEED}, Latency Spikes: Timeout Configuration (500 ms connect, 2 s read)`,
  check: (m, p) => ({ pass: m.latencyMaxMs <= latencyBoundMs(p), detail: `longest call ${s(m.latencyMaxMs)}, bound ${s(latencyBoundMs(p))}; p99 ${s(m.latencyP99Ms)}` }),
};

export const breakerOpensDuringFault: PatternsClaim = {
  name: 'the circuit breaker opens after its threshold, while the fault lasts',
  source: `${SEED}, Latency Spikes: Circuit Breaker (open after 5 failures in 30 s)`,
  check: (m, p) => ({
    pass: m.breakerOpens >= 1 && m.breakerOpenAfterFaultMs >= 0 && m.breakerOpenAfterFaultMs <= p.faultForMs,
    detail: m.breakerOpens === 0 ? `never opened (breaker=${p.breaker})` : `first opened ${s(m.breakerOpenAfterFaultMs)} after the fault began; opened ${m.breakerOpens} time(s), open ${s(m.breakerOpenMs)} in all`,
  }),
};

export const fallbackWhileOpen: PatternsClaim = {
  name: 'while the breaker is open, callers get the fallback response',
  source: `${SEED}, Latency Spikes: Fallback Response (cached data, default value)`,
  check: (m, p) => ({
    pass: m.answeredWhileOpenRatio === 1,
    detail: Number.isNaN(m.answeredWhileOpenRatio) ? 'no call ended while a breaker was open' : `${pct(m.answeredWhileOpenRatio)} of calls ending while open were answered (fallback=${p.fallback}); oldest cached answer ${s(m.maxStaleMs)}`,
  }),
};

export const everyClientServed: PatternsClaim = {
  name: 'with exponential back-off and jitter, every client is served once the dependency recovers',
  source: `${SEED}, Connection Failures: Retry Strategy with Exponential Backoff and Jitter`,
  check: (m, p) => ({
    pass: m.failedCalls === 0 && m.liveAnswers + m.fallbackAnswers >= m.calls && m.calls >= p.clients,
    detail: `${m.liveAnswers} of ${p.clients} clients served, ${m.failedCalls} gave up (retry=${p.retry}, at most ${p.maxAttempts} tries), ${Math.max(0, p.clients - m.calls)} still waiting at the end; last served at ${s(m.lastLiveAnswerMs)}; ${m.attemptsSent} attempts sent`,
  }),
};

export const documentDelays: PatternsClaim = {
  name: 'retry n waits 100*2^(n-1) to 100*2^n ms, never more than 30 s',
  source: `${SEED}, Connection Failures: "Attempt 1: 100-200ms, Attempt 2: 200-400ms ... up to 30s max"`,
  check: (m, p) => ({
    pass: m.retries > 0 && m.retryDelaysOffDocument === 0,
    detail: `${m.retryDelaysOffDocument} of ${m.retries} retry delays outside the document's ranges (retry=${p.retry}); longest ${s(m.retryDelayMaxMs)}`,
  }),
};

/** "Thundering herd" made measurable: at most half the rate immediate retry would send. */
export const noThunderingHerd: PatternsClaim = {
  name: 'back-off keeps the clients from retrying as a thundering herd',
  source: `${SEED}, Connection Failures: Anti-Pattern: Immediate Retry ("all clients retry simultaneously")`,
  check: (m, p) => ({
    pass: m.peakCallRatePerS <= m.immediateHerdPerS / 2,
    detail: `peak ${m.peakCallRatePerS} attempts/s (retry=${p.retry}); immediate retry would send about ${m.immediateHerdPerS}/s; the claim allows half of that`,
  }),
};

export const blastRadiusContained: PatternsClaim = {
  name: 'if Search is slow, Users and Orders continue working (blast radius contained)',
  source: `${SEED}, Cascading Failures: Bulkhead Pattern`,
  check: (m, p) => ({
    pass: m.othersFailedRatio <= 0.001,
    detail: `Users and Orders: ${pct(m.othersFailedRatio)} of calls failed; Search: ${pct(m.faultedFailedRatio)} (bulkhead=${p.bulkhead}, ${m.bulkheadRejections} rejections)`,
  }),
};

export const breakerWalksDiagram: PatternsClaim = {
  name: 'a failing dependency walks the breaker CLOSED, OPEN, HALF-OPEN, back to OPEN on failure, and to CLOSED on success',
  source: `${SEED}, Circuit Breaker States`,
  check: (m, p) => ({
    pass: m.breakerWalkMatches === 1,
    detail: `breaker=${p.breaker}: opened ${m.breakerOpens}, half-open ${m.breakerHalfOpens}, closed again ${m.breakerRecloses} time(s)`,
  }),
};

export const withinMemoryLimit: PatternsClaim = {
  name: 'with pagination or streaming, the service stays within its memory limit',
  source: `${SEED}, Memory Exhaustion: implement pagination for large datasets, use streaming`,
  check: (m, p) => ({
    pass: m.oomKills === 0,
    detail: `resultSet=${p.resultSet}: peak ${m.memoryPeakPct.toFixed(0)} % of the limit, ${m.oomKills} OOM kill(s), ${m.failedCalls} failed calls`,
  }),
};

export const alertsWarnFirst: PatternsClaim = {
  name: 'a memory alert (70, 85 or 95 %) warns before the service runs out of memory',
  source: `${SEED}, Memory Exhaustion: add memory alerts at 70%, 85%, 95%`,
  check: (m, p) => ({
    pass: m.oomKills === 0 || m.memoryAlertsBeforeOom >= 1,
    detail: m.oomKills === 0 ? 'no OOM kill' : `${m.memoryAlertsBeforeOom} of 3 alerts raised before the first of ${m.oomKills} OOM kills (scrape every ${p.scrapeIntervalMs / 1000} s); above 85 % for ${s(m.memoryAbove85Ms)} in all`,
  }),
};

export const prePingHidesRestarts: PatternsClaim = {
  name: 'with pre_ping, no statement fails on a connection the database restart killed',
  source: `${SEED}, Connection Pool Exhaustion: pre_ping: true # Validate connection before use`,
  check: (m, p) => ({
    pass: m.deadConnectionFailures === 0,
    detail: `pre_ping ${p.prePing ? 'on' : 'off'}: ${m.deadConnectionFailures} statement(s) failed on a dead connection, ${m.poolReconnects} connection(s) reopened`,
  }),
};

export const poolAlertFirst: PatternsClaim = {
  name: 'the pool utilisation alert (> 80 %) fires before requests time out waiting for a connection',
  source: `${SEED}, Connection Pool Exhaustion: Monitoring: alert when pool utilization > 80%`,
  check: (m) => ({
    pass: Number.isNaN(m.poolAlertLeadMs) || m.poolAlertLeadMs > 0,
    detail: Number.isNaN(m.poolAlertLeadMs) ? `no checkout timed out (longest acquisition ${s(m.poolAcquireMaxMs)})`
      : m.poolAlertLeadMs === -Infinity ? 'a checkout timed out before the alert fired' : `the alert came ${s(m.poolAlertLeadMs)} before the first of ${m.poolTimeouts} checkout timeouts`,
  }),
};

export const poolReachesMaxSize: PatternsClaim = {
  name: 'the pool grows to max_size: 20 connections under load',
  source: `${SEED}, Connection Pool Exhaustion: max_size: 20 # Maximum connections`,
  check: (m) => ({
    pass: m.poolTimeouts === 0 || m.poolPeakConnections >= 20,
    detail: `at most ${m.poolPeakConnections} connections checked out, ${m.poolTimeouts} checkout timeouts: SQLAlchemy has no max_size; its cap is pool_size + max_overflow = 5 + 10`,
  }),
};

export const layersKeepCorruptionOut: PatternsClaim = {
  name: 'input validation, domain validation and database constraints keep invalid state out of the database',
  source: `${SEED}, Data Corruption: Defense in Depth, layers 1-3`,
  check: (m) => ({
    pass: m.corruptRowsPersisted === 0,
    detail: `${m.invalidWrites} invalid writes: ${m.rejectedL1} stopped by L1, ${m.rejectedL2} by L2, ${m.rejectedL3} by L3, ${m.corruptRowsPersisted} persisted`,
  }),
};

export const reconciliationFindsTheRest: PatternsClaim = {
  name: 'reconciliation jobs find the invalid state that persisted',
  source: `${SEED}, Data Corruption: Layer 4: Reconciliation Jobs (periodic consistency checks)`,
  check: (m) => ({
    pass: m.corruptRowsUndetectable === 0 && m.corruptRowsDetected === m.corruptRowsPersisted,
    detail: `${m.corruptRowsDetected} of ${m.corruptRowsPersisted} corrupt rows found (median ${s(m.detectionDelayP50Ms)}, longest ${s(m.detectionDelayMaxMs)} after the write); ${m.corruptRowsUndetectable} no enabled check can find`,
  }),
};

export const atLeastOnce: PatternsClaim = {
  name: 'data and event in one transaction: every committed event is delivered (at-least-once)',
  source: `${SEED}, Message Loss: Outbox Pattern, Key Properties`,
  check: (m, p) => ({
    pass: m.eventsLost === 0,
    detail: `publish=${p.publish}, broker loss ${p.brokerLoss}: ${m.eventsLost} of ${m.eventsCreated} committed events never delivered; ${m.duplicatesDelivered} delivered twice or more; longest delay ${s(m.deliveryDelayMaxMs)}`,
  }),
};

export const idempotentAbsorbsDuplicates: PatternsClaim = {
  name: 'the idempotent consumer absorbs the duplicates',
  source: `${SEED}, Message Loss: "Consumer must be idempotent"`,
  check: (m, p) => ({
    pass: m.doubleApplied === 0,
    detail: `idempotentConsumer=${p.idempotentConsumer}: ${m.duplicatesDelivered} duplicate deliveries, ${m.doubleApplied} applied twice`,
  }),
};

export const rollbackRestores: PatternsClaim = {
  name: 'blue stays rollback ready: the automated rollback trigger restores v1.0 when v1.1 crashes',
  source: `${SEED}, Failed Deployment: Blue-Green Deployment; Automated rollback triggers defined`,
  check: (m, p) => ({
    pass: m.deployRestored === 1,
    detail: Number.isNaN(m.deployRestored) ? 'v1.1 never took traffic (aborted before the switch)'
      : `migration ${p.migration}: trigger ${s(m.deployDetectionMs)} after the switch, ${m.deployRestored === 1 ? `service restored ${s(m.deployRestoredAfterSwitchMs)} after it` : 'service never restored'}; ${m.deployFailedRequests} requests failed at the router`,
  }),
};

export const usersBarelyNotice: PatternsClaim = {
  name: 'the failed release stays under the 1 % error-rate alert for clients',
  source: `${SEED}, Key Metrics to Monitor: Error rate > 1%`,
  check: (m) => {
    const rate = m.calls === 0 ? 0 : m.failedCalls / m.calls;
    return { pass: rate <= 0.01, detail: `${m.failedCalls} of ${m.calls} client calls failed (${pct(rate)}) after ${m.retries} retries` };
  },
};
