import { z } from 'zod';
import { ms, sec, type DowntimeTracker, type Micros, type Simulation } from '../../src/scenario/index.js';
import { FailureRepair, distributionWithMean } from '../../models/reliability/index.js';
import { comboKey, comboKeys, type Group } from './downtime-combos.js';
import type { HdfsCacheEvents } from './hdfs-cache-events.js';
import type { HdfsCacheParams } from './params.js';

/** The long-horizon components, each a FailureRepair (exponential lifetimes and repairs with the params' means). */
export const HORIZON_COMPONENTS = ['reader', 'cache-disk', 'namenode-1', 'namenode-2', 'zookeeper', 'journalnode-1', 'journalnode-2', 'journalnode-3', 'reader-link'] as const;
export type HorizonComponent = (typeof HORIZON_COMPONENTS)[number];

const GROUP_OF: Record<HorizonComponent, Group> = {
  reader: 'reader', 'cache-disk': 'reader', 'namenode-1': 'namenodes', 'namenode-2': 'namenodes', zookeeper: 'zookeeper',
  'journalnode-1': 'journalnodes', 'journalnode-2': 'journalnodes', 'journalnode-3': 'journalnodes', 'reader-link': 'network',
};

function meansOf(c: HorizonComponent, p: HdfsCacheParams): [number, number] {
  if (c === 'reader') return [p.readerMttfMs, p.readerMttrMs];
  if (c === 'cache-disk') return [p.diskMttfMs, p.diskMttrMs];
  if (c === 'zookeeper') return [p.zookeeperMttfMs, p.zookeeperMttrMs];
  if (c === 'reader-link') return [p.networkMttfMs, p.networkMttrMs];
  if (c.startsWith('namenode')) return [p.namenodeMttfMs, p.namenodeMttrMs];
  return [p.journalnodeMttfMs, p.journalnodeMttrMs];
}

/** A start-up under way: what is left of it, and whether it reads HDFS (a full scan) or only the disk (a load). */
interface Startup { remainingUs: Micros; readonly scan: boolean; since: Micros | null; timer: number }

/**
 * Seed 003's system over years, from component states only (a few events
 * per failure, none per query). HDFS has an active NameNode unless the
 * active's host failed and no election has finished: an election takes
 * `failoverMs` and needs a live NameNode, ZooKeeper and 2 of 3 JournalNodes
 * (losing the JournalNode quorum makes the active abort). The reader serves
 * once its start-up is over: after a process restart it loads the disk cache
 * (files / loadEntriesPerSec), after a lost volume (or with persistence=none)
 * it scans HDFS (files / scanFilesPerSec), and a scan stalls while HDFS is
 * unreachable. "Up" (availabilityPct) is what a query for a fresh log needs:
 * the reader serving and an active NameNode reachable over the reader's
 * link. Fault: `outage {durationMs}` on any component's name.
 */
export class HorizonModel {
  readonly parts = new Map<HorizonComponent, FailureRepair>();
  active: HorizonComponent | null = 'namenode-1';
  startup: Startup | null = null;
  cacheIntact: boolean;
  outages = 0;
  readonly fresh: DowntimeTracker;
  readonly serving: DowntimeTracker;
  private readonly forced = new Set<HorizonComponent>();
  private readonly comboUs = new Map<string, Micros>(comboKeys().map((k) => [k, 0]));
  private election = -1;
  private lastChange: Micros = 0;
  private wasUp = true;
  private lastKey = comboKey([]);
  /** The reader process or its volume was down at the last change: the next time both are up a start-up begins. */
  private wasDownReader = false;
  constructor(private readonly sim: Simulation, private readonly p: HdfsCacheParams) {
    this.cacheIntact = p.persistence === 'disk';
    this.fresh = sim.metrics.downtime('hdfs-cache/fresh');
    this.serving = sim.metrics.downtime('hdfs-cache/serving');
    for (const c of HORIZON_COMPONENTS) {
      const [mttf, mttr] = meansOf(c, p);
      this.parts.set(c, new FailureRepair(sim, c, { ttf: distributionWithMean('exponential', mttf), ttr: distributionWithMean('exponential', mttr), onDown: () => this.update(), onUp: () => this.update() }));
      sim.faults.on(c, 'outage', (f) => this.outage(c, f.params!['durationMs'] as number), z.strictObject({ durationMs: z.number().positive().describe('ms the component is down') }));
    }
  }

  up(c: HorizonComponent): boolean {
    return this.parts.get(c)!.up && !this.forced.has(c);
  }

  get quorum(): boolean {
    return [this.up('journalnode-1'), this.up('journalnode-2'), this.up('journalnode-3')].filter(Boolean).length >= 2;
  }

  get hdfsReachable(): boolean {
    return this.active !== null && this.up('reader-link');
  }

  get readerServing(): boolean {
    return this.up('reader') && this.up('cache-disk') && this.startup === null;
  }

  /** The groups down now (the reader's includes its start-up). */
  groupsDown(): Group[] {
    const down = new Set<Group>();
    for (const c of HORIZON_COMPONENTS) if (!this.up(c)) down.add(GROUP_OF[c]);
    if (this.startup !== null) down.add('reader');
    return [...down];
  }

  /** Downtime per combination until `now`, the open stretch included (read-only). */
  combos(now: Micros): Map<string, Micros> {
    const out = new Map(this.comboUs);
    if (!this.wasUp) out.set(this.lastKey, out.get(this.lastKey)! + now - this.lastChange);
    return out;
  }

  private outage(c: HorizonComponent, durationMs: number): void {
    this.forced.add(c);
    this.update();
    this.sim.schedule(ms(durationMs), () => { this.forced.delete(c); this.update(); });
  }

  /** After any change: settle HDFS, then the reader, then account. */
  private update(): void {
    const now = this.sim.now;
    // What was down until now (the callbacks run after the change): the key kept at the last change.
    if (!this.wasUp) this.comboUs.set(this.lastKey, this.comboUs.get(this.lastKey)! + now - this.lastChange);
    this.settleHdfs();
    this.settleReader();
    const up = this.readerServing && this.hdfsReachable;
    if (this.readerServing) this.serving.up(now); else this.serving.down(now);
    if (up !== this.wasUp) {
      if (up) this.fresh.up(now); else { this.fresh.down(now); this.outages++; }
      this.sim.trace.typed<HdfsCacheEvents>().emit('hdfs-cache', up ? 'service-up' : 'service-down', { groupsDown: this.groupsDown().join('+') });
    }
    this.wasUp = up;
    this.lastChange = now;
    this.lastKey = comboKey(this.groupsDown());
  }

  private settleHdfs(): void {
    if (this.active !== null && (!this.up(this.active) || !this.quorum)) this.active = null;
    const candidate = (['namenode-1', 'namenode-2'] as const).find((n) => this.up(n));
    const canElect = this.active === null && candidate !== undefined && this.up('zookeeper') && this.quorum;
    if (!canElect) { this.sim.cancel(this.election); this.election = -1; return; }
    if (this.election !== -1) return;
    this.election = this.sim.schedule(ms(this.p.failoverMs), () => {
      this.election = -1;
      this.active = candidate!;
      this.update();
    });
  }

  private settleReader(): void {
    const alive = this.up('reader') && this.up('cache-disk');
    if (!this.up('cache-disk')) this.cacheIntact = false;
    if (!alive) {
      if (this.startup !== null) this.sim.cancel(this.startup.timer);
      this.startup = null;
      this.wasDownReader = true;
      return;
    }
    if (this.wasDownReader) {
      this.wasDownReader = false;
      const scan = !this.cacheIntact;
      this.startup = { remainingUs: scan ? sec(this.p.files / this.p.scanFilesPerSec) : sec(this.p.files / this.p.loadEntriesPerSec), scan, since: null, timer: -1 };
    }
    this.pace();
  }


  /** Runs or stalls the start-up: a scan needs HDFS. */
  private pace(): void {
    const s = this.startup;
    if (s === null) return;
    const canRun = !s.scan || this.hdfsReachable;
    if (canRun && s.since === null) {
      s.since = this.sim.now;
      s.timer = this.sim.schedule(s.remainingUs, () => {
        this.startup = null;
        this.cacheIntact = this.p.persistence === 'disk';
        this.update();
      });
    } else if (!canRun && s.since !== null) {
      s.remainingUs -= this.sim.now - s.since;
      s.since = null;
      this.sim.cancel(s.timer);
    }
  }
}
