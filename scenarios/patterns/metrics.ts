import { toMs, type SystemView } from '../../src/scenario/index.js';
import type { PatternsObserved } from './observers/observe.js';
import type { PatternsParams } from './params.js';
import type { PatternsWorld } from './world.js';
import { validationSummary } from '../../models/validation/index.js';

export interface PatternsMetrics extends Record<string, number> {
  calls: number;
  liveAnswers: number;
  fallbackAnswers: number;
  failedCalls: number;
  attemptsSent: number;
  retries: number;
  retryDelaysOffDocument: number;
  retryDelayMaxMs: number;
  immediateHerdPerS: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  peakCallRatePerS: number;
  lastLiveAnswerMs: number;
  maxStaleMs: number;
  breakerOpens: number;
  breakerOpenAfterFaultMs: number;
  breakerOpenMs: number;
  breakerHalfOpens: number;
  breakerRecloses: number;
  breakerWalkMatches: number;
  breakerRejections: number;
  answeredWhileOpenRatio: number;
  bulkheadRejections: number;
  budgetDenials: number;
  faultedFailedRatio: number;
  othersFailedRatio: number;
  dependencyServed: number;
  memoryPeakPct: number;
  memoryAbove85Ms: number;
  memoryAlertsBeforeOom: number;
  oomKills: number;
  poolPeakConnections: number;
  poolTimeouts: number;
  poolAcquireMaxMs: number;
  deadConnectionFailures: number;
  poolReconnects: number;
  poolAlertLeadMs: number;
  invalidWrites: number;
  rejectedL1: number;
  rejectedL2: number;
  rejectedL3: number;
  corruptRowsPersisted: number;
  corruptRowsDetected: number;
  corruptRowsUndetectable: number;
  detectionDelayP50Ms: number;
  detectionDelayMaxMs: number;
  eventsCreated: number;
  eventsLost: number;
  duplicatesDelivered: number;
  doubleApplied: number;
  deliveryDelayMaxMs: number;
  outboxBacklogPeak: number;
  deployRestored: number;
  deployDetectionMs: number;
  deployRestoredAfterSwitchMs: number;
  deployFailedRequests: number;
}

/** The dependency the scenarios degrade: the only one, or Search behind the gateway. */
export function faultedDependency(p: PatternsParams): string {
  return p.topology === 'single' ? 'dependency' : p.topology === 'pool' ? 'database' : p.topology === 'data' ? 'orders' : p.topology === 'outbox' ? 'broker' : p.topology === 'deploy' ? 'app' : 'search';
}

type View = SystemView<PatternsWorld, PatternsObserved, PatternsParams>;

/** Read-only, callable at any instant (the TUI measures mid-run). */
export function patternsMetrics(v: View): PatternsMetrics {
  const { world, observed: o, sim, params: p } = v;
  const all = [...o.outcomes.values()];
  const sum = (f: (x: (typeof all)[number]) => number) => all.reduce((a, x) => a + f(x), 0);
  const callers = world.dependencies.map((d) => d.caller);
  const sumCallers = (f: (c: (typeof callers)[number]) => number) => callers.reduce((a, c) => a + f(c), 0);
  const faulted = faultedDependency(p);
  const failedRatio = (names: (n: string) => boolean) => {
    const picked = [...o.outcomes].filter(([n]) => names(n)).map(([, x]) => x);
    const calls = picked.reduce((a, x) => a + x.calls, 0);
    return calls === 0 ? NaN : picked.reduce((a, x) => a + x.failed, 0) / calls;
  };
  const firstOpen = o.breakers.firstOpenAt();
  const lastLive = Math.max(...all.map((x) => x.lastLiveAt));
  return {
    calls: sum((x) => x.calls),
    liveAnswers: sum((x) => x.live),
    fallbackAnswers: sum((x) => x.fromCache + x.fromDefault),
    failedCalls: sum((x) => x.failed),
    attemptsSent: o.rate.total,
    retries: sumCallers((c) => c.retries) + (world.deploy?.client.retries ?? 0),
    retryDelaysOffDocument: o.delays.offDocument,
    retryDelayMaxMs: toMs(o.delays.maxUs),
    immediateHerdPerS: immediateHerdPerS(p),
    latencyP50Ms: toMs(o.latencies.percentile(50)),
    latencyP99Ms: toMs(o.latencies.percentile(99)),
    latencyMaxMs: toMs(o.latencies.percentile(100)),
    peakCallRatePerS: o.rate.peakPerS(),
    lastLiveAnswerMs: lastLive < 0 ? NaN : toMs(lastLive),
    maxStaleMs: all.length === 0 ? NaN : toMs(Math.max(...all.map((x) => x.maxStaleUs))),
    breakerOpens: o.breakers.opens(),
    breakerOpenAfterFaultMs: firstOpen === null ? NaN : toMs(firstOpen) - p.faultAtMs,
    breakerOpenMs: toMs(o.breakers.openUs(sim.now)),
    breakerHalfOpens: o.breakers.count('half-open'),
    breakerRecloses: o.breakers.count('closed'),
    breakerWalkMatches: walksDiagram(o.breakers.walk(`breaker/${faulted}`)) ? 1 : 0,
    breakerRejections: sumCallers((c) => c.breakerRejections),
    answeredWhileOpenRatio: o.whileOpen.calls === 0 ? NaN : o.whileOpen.answered / o.whileOpen.calls,
    bulkheadRejections: sumCallers((c) => c.bulkheadRejections),
    budgetDenials: sumCallers((c) => c.budgetDenials),
    faultedFailedRatio: failedRatio((n) => n === faulted),
    othersFailedRatio: failedRatio((n) => n !== faulted),
    dependencyServed: world.dependencies.reduce((a, d) => a + d.service.served + d.service.errors, 0),
    memoryPeakPct: o.memory === null ? NaN : (100 * o.memory.peakBytes) / p.memoryLimitBytes,
    memoryAbove85Ms: o.memory === null ? NaN : toMs(o.memory.timeAbove(1)),
    memoryAlertsBeforeOom: o.memory === null ? NaN : o.memory.alertsBeforeOom(),
    oomKills: world.dependencies.reduce((a, d) => a + d.service.oomKills, 0) + (world.pool?.database.oomKills ?? 0),
    ...poolMetrics(v),
    ...dataMetrics(v),
    ...outboxMetrics(v),
    ...deployMetrics(v),
  };
}


/** Seed 001's state diagram, in order; other steps may come between (several openings before a close). */
export const BREAKER_DIAGRAM = ['closed', 'open', 'half-open', 'open', 'half-open', 'closed'] as const;

function walksDiagram(walk: string): boolean {
  let i = 0;
  for (const state of walk.split('>')) if (i < BREAKER_DIAGRAM.length && state === BREAKER_DIAGRAM[i]) i++;
  return i === BREAKER_DIAGRAM.length;
}

/**
 * The herd seed 001's anti-pattern makes, in closed form: with immediate
 * retry each burst client sends its attempts back to back, one round trip
 * apart, over a run of R = attempts x RTT starting uniformly in the spread
 * S. The busiest one-second window [w, w + 1) holds, per client, attempts x
 * overlap([u, u + R), [w, w + 1)) / R on average over its start u: the
 * peak is the largest such mean (found on a grid), times the clients. The
 * steady traffic adds its rate times the attempts per call.
 */
export function immediateHerdPerS(p: PatternsParams): number {
  const runS = Math.max(1e-6, (p.maxAttempts * 2 * p.oneWayMs) / 1_000), spreadS = p.clientSpreadMs / 1_000;
  const overlap = (u: number, w: number) => Math.max(0, Math.min(u + runS, w + 1) - Math.max(u, w));
  const GRID = 200;
  let best = 0;
  for (let i = 0; i <= GRID; i++) {
    const w = ((spreadS + runS) * i) / GRID - 0.5;
    let sum = 0;
    for (let j = 0; j < GRID; j++) sum += overlap(spreadS === 0 ? 0 : (spreadS * (j + 0.5)) / GRID, w);
    best = Math.max(best, sum / GRID);
  }
  return Math.round((p.clients * p.maxAttempts * best) / runS + p.ratePerS * p.maxAttempts);
}

type PoolKeys = 'poolPeakConnections' | 'poolTimeouts' | 'poolAcquireMaxMs' | 'deadConnectionFailures' | 'poolReconnects' | 'poolAlertLeadMs';

/** topology=pool: the pool as the seed's Monitoring list asks to watch it; NaN in the other topologies. */
function poolMetrics(v: View): Pick<PatternsMetrics, PoolKeys> {
  const pool = v.world.pool?.pool;
  if (!pool) return { poolPeakConnections: NaN, poolTimeouts: NaN, poolAcquireMaxMs: NaN, deadConnectionFailures: NaN, poolReconnects: NaN, poolAlertLeadMs: NaN };
  const { firstAlertAt, firstTimeoutAt } = v.observed.poolEvents;
  return {
    poolPeakConnections: pool.inUseGauge.max,
    poolTimeouts: pool.timeouts,
    poolAcquireMaxMs: toMs(pool.acquireMaxUs),
    deadConnectionFailures: pool.queryFailures,
    poolReconnects: pool.reconnects,
    poolAlertLeadMs: firstTimeoutAt === null ? NaN : firstAlertAt === null || firstAlertAt > firstTimeoutAt ? -Infinity : toMs(firstTimeoutAt - firstAlertAt),
  };
}

type DataKeys = 'invalidWrites' | 'rejectedL1' | 'rejectedL2' | 'rejectedL3' | 'corruptRowsPersisted' | 'corruptRowsDetected' | 'corruptRowsUndetectable' | 'detectionDelayP50Ms' | 'detectionDelayMaxMs';

/** topology=data: where each invalid write stopped, and how long what got through lived before reconciliation found it. */
function dataMetrics(v: View): Pick<PatternsMetrics, DataKeys> {
  const store = v.world.data?.store;
  if (!store) {
    return { invalidWrites: NaN, rejectedL1: NaN, rejectedL2: NaN, rejectedL3: NaN, corruptRowsPersisted: NaN, corruptRowsDetected: NaN, corruptRowsUndetectable: NaN, detectionDelayP50Ms: NaN, detectionDelayMaxMs: NaN };
  }
  const s = validationSummary(store, v.sim.now);
  return {
    invalidWrites: s.invalidWrites,
    rejectedL1: s.rejectedByLayer.L1,
    rejectedL2: s.rejectedByLayer.L2,
    rejectedL3: s.rejectedByLayer.L3,
    corruptRowsPersisted: s.persistedCorrupt,
    corruptRowsDetected: s.detected,
    corruptRowsUndetectable: s.undetectable,
    detectionDelayP50Ms: s.detectionDelayMs?.p50 ?? NaN,
    detectionDelayMaxMs: s.detectionDelayMs?.max ?? NaN,
  };
}

type OutboxKeys = 'eventsCreated' | 'eventsLost' | 'duplicatesDelivered' | 'doubleApplied' | 'deliveryDelayMaxMs' | 'outboxBacklogPeak';

/** topology=outbox: what became of every committed event. */
function outboxMetrics(v: View): Pick<PatternsMetrics, OutboxKeys> {
  const ledger = v.observed.ledger;
  if (!ledger) return { eventsCreated: NaN, eventsLost: NaN, duplicatesDelivered: NaN, doubleApplied: NaN, deliveryDelayMaxMs: NaN, outboxBacklogPeak: NaN };
  const s = ledger.summary();
  return { eventsCreated: s.created, eventsLost: s.lost, duplicatesDelivered: s.duplicates, doubleApplied: s.doubleApplied, deliveryDelayMaxMs: s.maxDelayMs, outboxBacklogPeak: s.backlogPeak };
}

type DeployKeys = 'deployRestored' | 'deployDetectionMs' | 'deployRestoredAfterSwitchMs' | 'deployFailedRequests';

/** topology=deploy: the last deployment, from its switch to the rollback trigger and the restore. */
function deployMetrics(v: View): Pick<PatternsMetrics, DeployKeys> {
  const d = v.world.deploy?.app.deployments.at(-1);
  if (!d) return { deployRestored: NaN, deployDetectionMs: NaN, deployRestoredAfterSwitchMs: NaN, deployFailedRequests: NaN };
  const since = (t: number) => (t < 0 || d.switchedAt < 0 ? NaN : toMs(t - d.switchedAt));
  return {
    deployRestored: d.switchedAt < 0 ? NaN : d.restored ? 1 : 0,
    deployDetectionMs: since(d.triggeredAt),
    deployRestoredAfterSwitchMs: since(d.restoredAt),
    deployFailedRequests: d.failedBeforeSwitch + d.failedAfterSwitch,
  };
}
