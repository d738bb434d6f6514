import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import { Fencer } from './fencer.js';
import { HealthMonitor, type HealthState } from './health-monitor.js';
import type { HdfsEvents } from './hdfs-events.js';
import { DEFAULT_ZKFC, type ZkfcOptions } from './hdfs-options.js';
import type { NameNode } from './namenode.js';
import type { ZkClient, ZooKeeper } from './zookeeper.js';

/** The znodes under /hadoop-ha/<nameservice> (ActiveStandbyElector) [ZKFC-JAVA]. */
export const LOCK_ZNODE = 'ActiveStandbyElectorLock';
export const BREADCRUMB_ZNODE = 'ActiveBreadCrumb';

export type ElectorRole = 'neutral' | 'active' | 'standby';

/**
 * The ZKFailoverController beside one NameNode, on the same host (it dies
 * and returns with the host) [ZKFC-JAVA], [HDFS-HA-DOC]. While its NameNode
 * is healthy it is in the election: it holds a ZooKeeper session and tries
 * to create the ephemeral lock; the loser watches the lock and keeps its
 * NameNode standby. When its NameNode stops answering it quits the election
 * (closing the session deletes the lock at once; a close that cannot reach
 * ZooKeeper is lost and the session expires one timeout after its last
 * ping) but leaves the breadcrumb, so the next winner fences it. The winner fences the breadcrumb's NameNode
 * (Fencer), writes its own breadcrumb, then makes its NameNode active; if
 * fencing or the transition fails it gives the lock up and rejoins 1 s later.
 */
export class Zkfc implements ZkClient {
  readonly name: string;
  role: ElectorRole = 'neutral';
  alive = true;
  private session: number | null = null;
  private inElection = false;
  private watching = false;
  /** Bumped on every loss of lock, session or life: stale continuations drop out. */
  private generation = 0;
  readonly monitor: HealthMonitor;
  private readonly fencer: Fencer;
  private readonly o: ZkfcOptions;
  private readonly trace: TypedTrace<HdfsEvents>;

  constructor(private readonly sim: Simulation, private readonly zk: ZooKeeper, private readonly nn: NameNode, private readonly peers: ReadonlyMap<string, NameNode>, private readonly sessionTimeoutMs: number, options: Partial<ZkfcOptions> = {}) {
    this.o = { ...DEFAULT_ZKFC, ...options };
    this.name = `zkfc-${nn.name}`;
    this.trace = sim.trace.typed<HdfsEvents>();
    this.monitor = new HealthMonitor(sim, nn, this.o, (s) => this.onHealth(s));
    this.fencer = new Fencer(sim, this.name, nn.host, this.o);
    nn.changed.push(() => this.onNameNodeChanged());
    this.monitor.start();
  }

  canReachZk(): boolean { return this.alive && !this.nn.isolated; }

  sessionExpired(session: number): void {
    if (session !== this.session) return;
    this.dropSession();
    if (this.inElection) this.tryLock(); // reJoinElection
  }

  private onNameNodeChanged(): void {
    if (!this.nn.hostUp && this.alive) this.die();
    else if (this.nn.hostUp && !this.alive) { this.alive = true; this.monitor.start(); }
    this.zk.contactChanged(this);
  }

  /**
   * The host went down with this process: its session gets no more pings,
   * so ZooKeeper expires it one timeout later even if the host is back
   * sooner (the restarted ZKFC opens a new session).
   */
  private die(): void {
    this.alive = false;
    this.monitor.stop();
    this.inElection = false;
    if (this.session !== null) this.zk.abandon(this.session);
    this.dropSession();
  }

  private onHealth(s: HealthState): void {
    if (s === 'initializing') return;
    this.trace.emit(this.name, 'health', { state: s });
    if (s === 'healthy') this.joinElection();
    else this.quitElection();
  }

  private joinElection(): void {
    if (this.inElection) return;
    this.inElection = true;
    this.trace.emit(this.name, 'joined-election');
    this.tryLock();
  }

  /** quitElection(needFence = true): the lock goes with the session; the breadcrumb stays. */
  private quitElection(): void {
    if (!this.inElection) return;
    this.inElection = false;
    const releasedLock = this.session !== null && this.zk.get(LOCK_ZNODE) === this.name;
    if (this.session !== null) this.zk.close(this.session);
    this.dropSession();
    this.trace.emit(this.name, 'quit-election', { releasedLock });
  }

  private dropSession(): void {
    this.session = null;
    this.role = 'neutral';
    this.watching = false;
    this.generation++;
  }

  private tryLock(): void {
    if (!this.inElection || !this.alive) return;
    if (this.session === null || !this.zk.isLive(this.session)) this.session = this.zk.open(this, this.sessionTimeoutMs);
    const result = this.session === null ? 'unavailable' : this.zk.create(this.session, LOCK_ZNODE, this.name, true);
    if (result === 'ok') return this.becomeActive();
    if (result === 'unavailable') return this.retryLater(this.o.connectRetryIntervalMs);
    if (this.role !== 'standby') this.becomeStandby();
    if (!this.watching) {
      this.watching = true;
      const gen = this.generation;
      this.zk.watchDeletion(LOCK_ZNODE, () => { if (gen === this.generation) { this.watching = false; this.tryLock(); } });
    }
  }

  private retryLater(delayMs: number): void {
    const gen = this.generation;
    this.sim.schedule(ms(delayMs), () => { if (gen === this.generation) this.tryLock(); });
  }

  private becomeStandby(): void {
    this.role = 'standby';
    if (this.nn.reachFrom(this.nn.host) === 'active') this.nn.toStandby();
    this.trace.emit(this.name, 'became-standby');
  }

  private becomeActive(): void {
    this.trace.emit(this.name, 'lock-acquired');
    const gen = this.generation;
    const old = this.zk.get(BREADCRUMB_ZNODE);
    const target = old === null || old === this.nn.name ? undefined : this.peers.get(old);
    if (target === undefined) return this.activate(gen);
    this.fencer.fence(target, (ok) => {
      if (gen !== this.generation) return;
      if (ok) this.activate(gen);
      else this.failedToBecomeActive(`unable to fence ${target.name}`);
    });
  }

  private activate(gen: number): void {
    this.zk.put(BREADCRUMB_ZNODE, this.nn.name);
    let answered = false;
    const timer = this.sim.schedule(ms(this.o.newActiveTimeoutMs), () => { answered = true; if (gen === this.generation) this.failedToBecomeActive('transitionToActive timed out'); });
    this.nn.toActive((ok) => {
      if (answered || gen !== this.generation) return;
      answered = true;
      this.sim.cancel(timer);
      if (!ok) return this.failedToBecomeActive('transitionToActive failed');
      this.role = 'active';
      this.trace.emit(this.name, 'became-active');
    });
  }

  /** reJoinElectionAfterFailureToBecomeActive: give up the lock, rejoin after a pause. */
  private failedToBecomeActive(reason: string): void {
    this.trace.emit(this.name, 'become-active-failed', { reason });
    if (this.session !== null) this.zk.close(this.session);
    this.dropSession();
    this.retryLater(this.o.sleepAfterFailureToBecomeActiveMs);
  }
}
