import { DowntimeTracker, Histogram, isFaultRecord, sec, ms, type Micros, type Simulation, type TraceRecord } from '../../src/scenario/index.js';
import type { ReaderAnswer } from '../../models/reader/index.js';
import type { IncidentWorld } from './incident-world.js';
import type { HdfsCacheParams } from './params.js';
import { UncheckedCache } from './unchecked-cache.js';
import { isNewLog } from './workload.js';
import type { HdfsCacheWorld } from './world.js';

const LOST: ReadonlySet<string> = new Set(['hdfs', 'no-cache', 'corrupt']);
const NOT_READY: ReadonlySet<string> = new Set(['down', 'not-ready', 'reset']);

/** The answers the clients got. */
class AnswerLog {
  queries = 0;
  hits = 0;
  answered = 0;
  stale = 0;
  notReady = 0;
  /** A known (cached) log's query failed: its data was not to be had. */
  lost = 0;
  newLogFailures = 0;
  corruptServed = 0;
  readonly latencies = new Histogram('query latency');

  /** `serving`: a reader had served before (refusals during the very first start-up are not an outage). */
  add(a: ReaderAnswer, cache: IncidentWorld['cache'], serving: boolean): void {
    this.queries++;
    this.latencies.add(a.latencyUs);
    if (a.kind !== 'error') {
      this.answered++;
      if (a.kind === 'hit') this.hits++;
      if (a.kind === 'stale') this.stale++;
      if (a.kind !== 'miss' && cache instanceof UncheckedCache && cache.isCorrupt(a.path)) this.corruptServed++;
      return;
    }
    if (NOT_READY.has(a.reason ?? '')) { if (serving) this.notReady++; }
    else if (LOST.has(a.reason ?? '')) { if (isNewLog(a.path)) this.newLogFailures++; else this.lost++; }
  }
}

/**
 * What one incident run measured, from the trace (faults, ZKFC, client and
 * reader events), the readers' answer hooks, and a 1 s sampler of memory,
 * disk and the cache directory's writers.
 */
export class IncidentObserved {
  readonly answers = new AnswerLog();
  faultAt: Micros | null = null;
  /** Service level: readers serving now; downtime counts from the first ready. */
  readonly ready = new Set<string>();
  readonly downtime = new DowntimeTracker('hdfs-cache/service');
  everReady = false;
  outageAfterFault: Micros | null = null;
  recoveredAt: Micros | null = null;
  activeBeforeFault: string | null = null;
  lockTakenAt: Micros | null = null;
  activeAt: Micros | null = null;
  hdfsFailedAt: Micros | null = null;
  hdfsBackAt: Micros | null = null;
  clientAttempts = 0;
  clientFailedAttempts = 0;
  offlineAt: Micros | null = null;
  firstOomAt: Micros | null = null;
  readyAfterOom: Micros | null = null;
  pressureSince: Micros | null = null;
  alertAt: Micros | null = null;
  memoryPeakBytes = 0;
  diskPeak = 0;
  cleanupAt: Micros | null = null;
  restartedAt: Micros | null = null;
  corruptionFoundAt: Micros | null = null;
  rebuilds = 0;
  /** Known logs that start-ups after the fault had to re-read from HDFS (a rescan, a rebuild, dropped entries). */
  refetchedFiles = 0;
  /** The first answer from the disk cache after the fault: offline mode serving (graceful degradation). */
  offlineServedAt: Micros | null = null;
  concurrentWritersUs: Micros = 0;
  lockWaitMaxMs = 0;

  constructor(private readonly w: IncidentWorld, private readonly sim: Simulation, private readonly p: HdfsCacheParams) {}

  record(rec: TraceRecord): void {
    if (isFaultRecord(rec)) { this.faultAt ??= rec.t; return; }
    const after = this.faultAt !== null;
    const data = (rec.data ?? {}) as Record<string, unknown>;
    const reader = rec.source === 'reader' || rec.source === 'reader-2';
    switch (rec.kind) {
      case 'ready': if (reader) this.readyNow(rec.source, rec.t); break;
      case 'stopped': if (reader) this.stoppedNow(rec.source, rec.t); break;
      case 'ha-state': if (data['state'] === 'active') { if (!after) this.activeBeforeFault = rec.source; else if (rec.source !== this.activeBeforeFault) this.activeAt ??= rec.t; } break;
      case 'lock-acquired': if (after && rec.source.startsWith('zkfc-') && rec.source !== `zkfc-${this.activeBeforeFault}`) this.lockTakenAt ??= rec.t; if (rec.source.startsWith('reader')) this.lockWaitMaxMs = Math.max(this.lockWaitMaxMs, Number(data['waitedMs'])); break;
      case 'attempt': this.clientAttempts++; if (data['outcome'] !== 'ok') { this.clientFailedAttempts++; if (after) this.hdfsFailedAt ??= rec.t; } break;
      case 'read-done': if (data['ok'] === true && this.hdfsFailedAt !== null) this.hdfsBackAt ??= rec.t; break;
      case 'hdfs-unreachable': if (after) this.offlineAt ??= rec.t; break;
      case 'oom-kill': case 'insert-stuck': this.firstOomAt ??= rec.t; break;
      case 'cleanup': if (after) this.cleanupAt ??= rec.t; break;
      case 'started': if (after && reader) this.restartedAt ??= rec.t; break;
      case 'rebuild': this.rebuilds++; if (after) this.corruptionFoundAt ??= rec.t; break;
      case 'load-done': if (after && Number(data['corrupt']) > 0) this.corruptionFoundAt ??= rec.t; break;
      case 'scan-started': if (after && reader) this.refetchedFiles += Number(data['files']); break;
    }
  }

  /** A reader answered a query. */
  answer(a: ReaderAnswer): void {
    this.answers.add(a, this.w.cache, this.incidentBegun);
    if (a.kind === 'stale' && this.faultAt !== null) this.offlineServedAt ??= this.sim.now;
  }

  /** Refusals count as an outage once a reader has served, a fault struck, or memory failed (an OOM kill, a stuck insert). */
  get incidentBegun(): boolean {
    return this.everReady || this.faultAt !== null || this.firstOomAt !== null;
  }

  private readyNow(reader: string, t: Micros): void {
    this.ready.add(reader);
    this.everReady = true;
    this.downtime.up(t);
    if (this.outageAfterFault !== null) this.recoveredAt ??= t;
    if (this.firstOomAt !== null) this.readyAfterOom ??= t;
  }

  private stoppedNow(reader: string, t: Micros): void {
    this.ready.delete(reader);
    if (this.ready.size > 0 || !this.everReady) return;
    this.downtime.down(t);
    if (this.faultAt !== null) this.outageAfterFault ??= t;
  }

  /** Once a second: memory against the seed's alert (scraped every alertScrapeMs), disk use, writers in the directory. */
  sample(tick: number): void {
    const w = this.w, now = this.sim.now;
    let cache = 0;
    for (const r of w.readers) { cache += r.lru.realBytes; this.memoryPeakBytes = Math.max(this.memoryPeakBytes, r.peakMemoryBytes); }
    const over = cache / 1e6 > this.p.memoryAlertMb;
    if (over) this.pressureSince ??= now;
    if (over && tick % Math.max(1, Math.round(this.p.alertScrapeMs / 1000)) === 0) this.alertAt ??= now;
    this.diskPeak = Math.max(this.diskPeak, w.disk.usage);
    if (w.writers.inside().length >= 2) this.concurrentWritersUs += sec(1);
  }
}

export function observeHdfsCache(world: HdfsCacheWorld, sim: Simulation, p: HdfsCacheParams): IncidentObserved | null {
  const w = world.incident;
  if (w === null) return null;
  const o = new IncidentObserved(w, sim, p);
  sim.trace.addSink({ record: (rec: TraceRecord) => o.record(rec) });
  for (const r of w.readers) r.answered.add((a) => o.answer(a));
  let tick = 0;
  const until = ms(p.durationMs);
  const sample = (): void => {
    o.sample(++tick);
    if (sim.now + sec(1) <= until) sim.schedule(sec(1), sample);
  };
  sim.schedule(sec(1), sample);
  return o;
}
