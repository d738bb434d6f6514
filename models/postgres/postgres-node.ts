import type { Event } from '../../src/kernel/event.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { commonPrefix, type WalRecord } from './wal.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { PostgresEvents } from './postgres-events.js';

/**
 * One PostgreSQL server: a WAL of committed writes, a role (primary, replica
 * or down) and streaming replication to the replicas that follow it.
 *
 * A commit is durable once flushed locally. With a synchronous standby the
 * primary answers the client only after that standby has flushed the record
 * (synchronous_commit = on); otherwise at once, and replicas receive the
 * record some milliseconds later: what has not arrived when the primary dies
 * is lost on failover. A waiting commit whose connection is cut (crash,
 * demotion) has an unknown outcome for the client, yet it is in the WAL.
 * A former primary that follows a new one is rewound to the divergence point
 * (pg_rewind); its extra records are discarded, as on a forked timeline.
 */
export type PgRole = 'primary' | 'replica' | 'down';
export type WriteOutcome = 'ok' | 'read-only';

export interface PostgresOptions {
  /** Median local WAL flush (fsync) time. */
  readonly flushMs: number;
  /** Median extra delay before a replica has a record (WAL sender wake-up, replica flush). */
  readonly replicationLagMs: number;
  /** WAL bytes per write, for lag in bytes (maximum_lag_on_failover). */
  readonly walBytesPerWrite: number;
}

interface PendingCommit {
  readonly lsn: number;
  readonly done: Event<WriteOutcome>;
}

export class PostgresNode {
  role: PgRole = 'replica';
  timeline = 1;
  readonly wal: number[] = [];
  /** The primary this replica streams from. */
  upstream: string | null = null;
  /** The standby whose flush a commit waits for (synchronous_standby_names), null for none. */
  syncStandby: string | null = null;
  private pending: PendingCommit[] = [];
  private readonly standbyFlushed = new Map<string, number>();
  private readonly streamArrival = new Map<string, Micros>();
  private readonly senderFree = new Map<string, Micros>();
  private incarnation = 0;
  private catchUpInFlight = false;
  private readonly rng: RandomStream;
  private readonly trace: TypedTrace<PostgresEvents>;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly name: string,
    private readonly peers: ReadonlyMap<string, PostgresNode>,
    private readonly options: PostgresOptions,
  ) {
    this.rng = sim.rng(`postgres/${name}`);
    this.trace = sim.trace.typed<PostgresEvents>();
  }

  get lsn(): number {
    return this.wal.length;
  }

  get lagBytesPerRecord(): number {
    return this.options.walBytesPerWrite;
  }

  /** An INSERT from a client; the event succeeds with the outcome when the commit returns. */
  insert(writeId: number): Event<WriteOutcome> {
    const done = this.sim.event<WriteOutcome>();
    if (this.role !== 'primary') return done.succeed('read-only');
    const inc = this.incarnation;
    this.sim.schedule(this.flushDelay(), () => {
      if (inc !== this.incarnation || this.role !== 'primary') {
        // The server went down or was demoted before the flush: the client's connection is gone.
        return;
      }
      this.wal.push(writeId);
      const lsn = this.wal.length;
      this.ship(lsn);
      if (this.syncStandby === null || (this.standbyFlushed.get(this.syncStandby) ?? 0) >= lsn) done.succeed('ok');
      else this.pending.push({ lsn, done });
    });
    return done;
  }

  /** Chooses the synchronous standby (Patroni does); null releases waiting commits unreplicated. */
  setSyncStandby(name: string | null): void {
    if (this.syncStandby === name) return;
    this.syncStandby = name;
    this.trace.emit(this.name, 'sync-standby', { standby: name });
    this.releaseAcked();
  }

  promote(): void {
    if (this.role !== 'replica') return;
    this.timeline++;
    this.role = 'primary';
    this.upstream = null;
    this.syncStandby = null;
    this.standbyFlushed.clear();
    this.streamArrival.clear();
    this.senderFree.clear();
    this.trace.emit(this.name, 'promoted', { timeline: this.timeline, lsn: this.wal.length });
  }

  /**
   * Primary to read-only: connections are terminated, waiting commits end
   * with an unknown outcome. `stop` is the shutdown mode Patroni asks of
   * pg_ctl (patroni/ha.py `Ha.demote`: 'offline' and 'graceful' stop fast,
   * 'immediate' and 'immediate-nolock' stop immediately). In a fast
   * shutdown the WAL senders stay up until every connected standby has all
   * WAL up to the shutdown checkpoint (postmaster PM_SHUTDOWN_2,
   * walsender.c `WalSndDone`), so nothing committed locally is left behind
   * on a reachable standby; an immediate one drops what the senders had not
   * sent yet.
   */
  demote(stop: 'fast' | 'immediate' = 'immediate'): void {
    if (this.role !== 'primary') return;
    this.incarnation++;
    // The backend is terminated: the client gets no commit confirmation at all.
    this.pending = [];
    if (stop === 'fast') this.sendRemainingWal();
    this.role = 'replica';
    this.syncStandby = null;
    this.trace.emit(this.name, 'demoted', { lsn: this.wal.length, stop });
  }

  /** The server process dies with its pod; the WAL on disk survives. */
  crash(): void {
    this.incarnation++;
    this.pending = [];
    this.role = 'down';
    this.upstream = null;
    this.syncStandby = null;
  }

  /** Starts again after a crash, read-only until Patroni decides its role. */
  start(): void {
    if (this.role !== 'down') return;
    this.role = 'replica';
  }

  /** Streams from `primary`, rewinding first if this WAL has diverged from it. */
  follow(primary: string): void {
    const up = this.peers.get(primary);
    if (!up || this.role === 'down') return;
    if (this.role === 'primary') this.demote();
    if (this.upstream === primary) return;
    this.upstream = primary;
    const common = commonPrefix(this.wal, up.wal);
    if (common < this.wal.length) {
      const discarded = this.wal.splice(common);
      this.trace.emit(this.name, 'pg-rewind', { to: primary, discarded: discarded.length, lsn: common });
    }
    this.timeline = up.timeline;
    this.trace.emit(this.name, 'following', { primary, lsn: this.wal.length });
    this.requestCatchUp();
  }

  /** Replica side: a record arrives on the replication stream. */
  private receive(from: string, rec: WalRecord): void {
    if (this.role !== 'replica' || this.upstream !== from) return;
    if (rec.lsn <= this.wal.length) return;
    if (rec.lsn > this.wal.length + 1 || rec.timeline !== this.timeline) { this.requestCatchUp(); return; }
    this.wal.push(rec.writeId);
    this.ackTo(from);
  }

  /** Replica side: asks the upstream for everything after our position (walreceiver restart). */
  private requestCatchUp(): void {
    const primary = this.upstream;
    if (primary === null || this.catchUpInFlight) return;
    this.catchUpInFlight = true;
    const inc = this.incarnation;
    this.net.send(this.name, primary, () => {
      const up = this.peers.get(primary);
      if (!up || up.role === 'down') { this.catchUpInFlight = false; return; }
      up.sendCatchUp(this.name, this.wal.length, inc);
    }, undefined);
    // A lost request must not block catch-up forever.
    this.sim.schedule(ms(1000), () => { this.catchUpInFlight = false; });
  }

  /** Primary side: sends records after `from` to a replica that asked. */
  private sendCatchUp(replica: string, from: number, replicaInc: number): void {
    const r = this.peers.get(replica);
    if (!r) return;
    const records = this.wal.slice(from);
    const timeline = this.timeline;
    const arrival = this.net.send(this.name, replica, () => {
      r.catchUpInFlight = false;
      if (r.incarnation !== replicaInc || r.role !== 'replica' || r.upstream !== this.name || r.wal.length !== from) return;
      if (commonPrefix(r.wal, this.wal) < from) return; // diverged meanwhile: the next follow rewinds
      r.wal.push(...records);
      r.timeline = timeline;
      r.ackTo(this.name);
    }, undefined, this.streamArrival.get(replica) ?? 0);
    if (arrival >= 0) this.streamArrival.set(replica, arrival);
  }

  /**
   * Hands a new record to each replica's WAL sender. It leaves after the
   * replication lag (sender wake-up, batching) and then crosses the network;
   * records that have not left when this server dies never reach anyone.
   */
  private ship(lsn: number): void {
    const rec: WalRecord = { lsn, writeId: this.wal[lsn - 1]!, timeline: this.timeline };
    const inc = this.incarnation;
    for (const r of this.peers.values()) {
      if (r === this || r.upstream !== this.name || r.role !== 'replica') continue;
      const lag = Math.round(ms(this.options.replicationLagMs) * Math.exp(this.rng.normal()));
      const leaveAt = Math.max(this.senderFree.get(r.name) ?? 0, this.sim.now + lag);
      this.senderFree.set(r.name, leaveAt);
      this.sim.at(leaveAt, () => {
        if (inc !== this.incarnation || this.role !== 'primary') return;
        const arrival = this.net.send(this.name, r.name, () => r.receive(this.name, rec), undefined, this.streamArrival.get(r.name) ?? 0);
        if (arrival >= 0) this.streamArrival.set(r.name, arrival);
      });
    }
  }

  /**
   * Fast shutdown: each streaming standby gets, in stream order, every
   * record after the last position it confirmed (it skips what it already
   * has). Records still queued in a sender leave with this batch.
   */
  private sendRemainingWal(): void {
    const timeline = this.timeline;
    for (const r of this.peers.values()) {
      if (r === this || r.upstream !== this.name || r.role !== 'replica') continue;
      const from = this.standbyFlushed.get(r.name) ?? 0;
      const records = this.wal.slice(from);
      if (records.length === 0) continue;
      const arrival = this.net.send(this.name, r.name, () => r.receiveBatch(this.name, from, records, timeline), undefined, this.streamArrival.get(r.name) ?? 0);
      if (arrival >= 0) this.streamArrival.set(r.name, arrival);
    }
  }

  /** Replica side: records `from + 1 ...` arrive in one piece (the end of a fast shutdown's stream). */
  private receiveBatch(upstream: string, from: number, records: readonly number[], timeline: number): void {
    if (this.role !== 'replica' || this.upstream !== upstream || timeline !== this.timeline) return;
    if (from > this.wal.length) { this.requestCatchUp(); return; }
    const have = this.wal.length - from;
    if (have >= records.length) return;
    for (let i = have; i < records.length; i++) this.wal.push(records[i]!);
    this.ackTo(upstream);
  }

  private ackTo(primary: string): void {
    const flushed = this.wal.length;
    this.net.send(this.name, primary, () => this.peers.get(primary)?.onStandbyFlushed(this.name, flushed), undefined);
  }

  private onStandbyFlushed(standby: string, lsn: number): void {
    if (this.role !== 'primary') return;
    if (lsn > (this.standbyFlushed.get(standby) ?? 0)) this.standbyFlushed.set(standby, lsn);
    if (standby === this.syncStandby) this.releaseAcked();
  }

  private releaseAcked(): void {
    const upTo = this.syncStandby === null ? Infinity : this.standbyFlushed.get(this.syncStandby) ?? 0;
    let i = 0;
    while (i < this.pending.length && this.pending[i]!.lsn <= upTo) this.pending[i++]!.done.succeed('ok');
    if (i > 0) this.pending = this.pending.slice(i);
  }

  private flushDelay(): Micros {
    return Math.round(ms(this.options.flushMs) * Math.exp(0.5 * this.rng.normal()));
  }
}
