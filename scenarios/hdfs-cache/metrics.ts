import { toMs, type Micros, type SystemView } from '../../src/scenario/index.js';
import { HORIZON_COMPONENTS } from './horizon-world.js';
import { comboKeys } from './downtime-combos.js';
import type { IncidentObserved } from './observers.js';
import type { HdfsCacheParams } from './params.js';
import type { HdfsCacheWorld } from './world.js';
import { NO_RTO, rtoMetrics, type RtoMetrics } from './rto.js';

export type HdfsCacheView = SystemView<HdfsCacheWorld, IncidentObserved | null, HdfsCacheParams>;

/** What an incident run measures (mode=incident). */
export interface IncidentMetrics extends Record<string, number> {
  queries: number;
  answeredPct: number;
  hitRatioPct: number;
  staleAnswers: number;
  notReadyAnswers: number;
  lostAnswers: number;
  newLogFailures: number;
  latencyP99Ms: number;
  serviceDowntimeMs: number;
  readerRecoveryMs: number;
  restartDetectMs: number;
  failoverDetectMs: number;
  failoverRecoveryMs: number;
  clientRecoveryMs: number;
  clientAttempts: number;
  clientFailedAttempts: number;
  hdfsDetectMs: number;
  memoryPeakPct: number;
  memoryDetectMs: number;
  oomKills: number;
  oomRecoveryMs: number;
  stuckInserts: number;
  diskPeakPct: number;
  enospcWrites: number;
  cleanupDetectMs: number;
  cacheFilesCleaned: number;
  corruptionDetectMs: number;
  corruptServed: number;
  cacheRebuilds: number;
  racedWrites: number;
  concurrentWritersMs: number;
  lockWaitMaxMs: number;
}

/** What a long-horizon run measures (mode=long-horizon), plus one ...DowntimeMs per combination of groups down (downtime-combos.ts). */
export interface HorizonMetrics extends Record<string, number> {
  availabilityPct: number;
  cachedAvailabilityPct: number;
  serviceDowntimeMs: number;
  outages: number;
  longestOutageMs: number;
  componentFailures: number;
}

/** A run reports its mode's metrics only (the other mode's would all be 0), and every run its RTO row's (rto.ts). */
export type HdfsCacheMetrics = IncidentMetrics & HorizonMetrics & RtoMetrics;

/** From `from` to `to`, or to now (a lower bound) when `to` never came; 0 when `from` never came. */
function span(from: Micros | null, to: Micros | null, now: Micros): number {
  if (from === null) return 0;
  return toMs((to ?? now) - from);
}

export function hdfsCacheMetrics(v: HdfsCacheView): HdfsCacheMetrics {
  if (v.world.horizon !== null) return { ...horizonMetrics(v), ...NO_RTO } as HdfsCacheMetrics;
  const m = incidentMetrics(v);
  return { ...m, ...rtoMetrics(v.params.rtoRow, m, v.observed!, v.sim.now) } as HdfsCacheMetrics;
}

function incidentMetrics({ world, observed: o, sim, params: p }: HdfsCacheView): IncidentMetrics {
  const w = world.incident!, ob = o!, a = ob.answers, now = sim.now, fault = ob.faultAt;
  const sum = (f: (r: (typeof w.readers)[number]) => number) => w.readers.reduce((s, r) => s + f(r), 0);
  return {
    queries: a.queries,
    answeredPct: a.queries === 0 ? 100 : (100 * a.answered) / a.queries,
    hitRatioPct: a.answered === 0 ? 0 : (100 * a.hits) / a.answered,
    staleAnswers: a.stale,
    notReadyAnswers: a.notReady,
    lostAnswers: a.lost,
    newLogFailures: a.newLogFailures,
    latencyP99Ms: a.queries === 0 ? 0 : toMs(a.latencies.percentile(99)),
    serviceDowntimeMs: toMs(ob.downtime.total(now)),
    readerRecoveryMs: ob.outageAfterFault === null ? 0 : span(fault, ob.recoveredAt, now),
    restartDetectMs: ob.outageAfterFault === null ? 0 : span(fault, ob.outageAfterFault, now),
    failoverDetectMs: span(fault, ob.lockTakenAt, now),
    failoverRecoveryMs: span(fault, ob.activeAt, now),
    clientRecoveryMs: ob.hdfsFailedAt === null ? 0 : span(fault, ob.hdfsBackAt, now),
    clientAttempts: ob.clientAttempts,
    clientFailedAttempts: ob.clientFailedAttempts,
    hdfsDetectMs: ob.hdfsFailedAt === null ? 0 : span(fault, ob.offlineAt, now),
    memoryPeakPct: (100 * ob.memoryPeakBytes) / p.memoryLimitBytes,
    memoryDetectMs: span(ob.pressureSince, ob.alertAt, now),
    oomKills: sum((r) => r.oomKills),
    oomRecoveryMs: span(ob.firstOomAt, ob.readyAfterOom, now),
    stuckInserts: sum((r) => r.stuckInserts),
    diskPeakPct: 100 * ob.diskPeak,
    enospcWrites: w.disk.enospc,
    // Never cleaned although the disk went over the 80 % threshold: a lower bound, to the end of the run.
    cleanupDetectMs: ob.cleanupAt !== null || ob.diskPeak > w.monitor.options.thresholdFraction ? span(fault, ob.cleanupAt, now) : 0,
    cacheFilesCleaned: w.monitor.removedFiles,
    corruptionDetectMs: ob.corruptionFoundAt === null ? 0 : span(ob.restartedAt, ob.corruptionFoundAt, now),
    corruptServed: a.corruptServed,
    cacheRebuilds: ob.rebuilds,
    racedWrites: w.writers.racedWrites,
    concurrentWritersMs: toMs(ob.concurrentWritersUs),
    lockWaitMaxMs: ob.lockWaitMaxMs,
  };
}

function horizonMetrics({ world, sim }: HdfsCacheView): HorizonMetrics {
  const h = world.horizon!, now = sim.now;
  const pct = (down: Micros) => (now === 0 ? 100 : 100 * (1 - down / now));
  const out: HorizonMetrics = {
    availabilityPct: pct(h.fresh.total(now)),
    cachedAvailabilityPct: pct(h.serving.total(now)),
    serviceDowntimeMs: toMs(h.fresh.total(now)),
    outages: h.outages,
    longestOutageMs: toMs(h.fresh.longest(now)),
    componentFailures: HORIZON_COMPONENTS.reduce((s, c) => s + h.parts.get(c)!.failures, 0),
  };
  for (const [k, us] of h.combos(now)) out[k] = toMs(us);
  return out;
}

/** Every combination metric's key, for the metric info. */
export const COMBO_KEYS = comboKeys();
