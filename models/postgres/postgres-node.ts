import type { Event } from '../../src/kernel/event.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { StateHistory } from '../../src/kernel/state-history.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { commonPrefix, type WalRecord } from './wal.js';
import { WalStream, type Shipment } from './wal-stream.js';
import { StandbyPositions } from './standby-positions.js';
import type { Responder } from '../client/responder.js';
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

/** A write on its way to commit: flushed locally, then (with a synchronous standby) waiting for its flush. */
class PendingCommit {
  lsn = 0;
  constructor(readonly node: PostgresNode, readonly writeId: number, readonly responder: Responder<WriteOutcome>, readonly incarnation: number) {}
}

/** The queue's callback for a commit's local WAL flush. */
function flushed(c: PendingCommit): void {
  c.node._flushed(c);
}

/** A WAL record on its way from a primary's sender to one replica. */
class WalShipment implements Shipment {
  arrival: Micros = -1;
  withdrawn = false;
  constructor(readonly from: PostgresNode, readonly to: PostgresNode, readonly stream: WalStream, readonly rec: WalRecord, readonly incarnation: number, readonly leaveAt: Micros) {}
}

/** The queue's callback when a record handed over the two-event way leaves its sender. */
function leaves(s: WalShipment): void {
  s.from._leave(s);
}

/** The network's callback when a record arrives at the replica. */
function shipmentArrives(s: WalShipment): void {
  // A record sent ahead counts only if its sender was still up, as the same primary, when it left.
  if (!s.withdrawn && s.from.wasUpAt(s.incarnation, s.leaveAt)) s.to._receive(s.from.name, s.rec);
}

/** A standby's flush position on its way to the primary. */
class StandbyAck {
  constructor(readonly standby: PostgresNode, readonly primary: string, readonly lsn: number) {}
}

function ackArrives(a: StandbyAck): void {
  a.standby._acked(a);
}

function adapt(done: Event<WriteOutcome>): Responder<WriteOutcome> {
  return { respond: (answer) => { done.succeed(answer); } };
}

export class PostgresNode {
  private currentRole: PgRole = 'replica';
  /** Every change of role, so a read can be answered as of the instant it arrived (see roleAt). */
  private readonly roles = new StateHistory<PgRole>('replica');
  timeline = 1;
  readonly wal: number[] = [];
  /** The primary this replica streams from. */
  upstream: string | null = null;
  /** The standby whose flush a commit waits for (synchronous_standby_names), null for none. */
  syncStandby: string | null = null;
  private pending: PendingCommit[] = [];
  /** When each incarnation (index) ended: a crash or a demotion started the next one. */
  private readonly incarnationEnded: Micros[] = [];
  /** Each standby's flushed position as this primary heard it. */
  private readonly standbyFlushed = new StandbyPositions((t) => this.net.answered(this.name, t) && this.roleAt(t) === 'primary');
  /** This server's WAL sender streams, by replica. */
  private readonly streams = new Map<string, WalStream>();
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

  get role(): PgRole {
    return this.currentRole;
  }

  set role(role: PgRole) {
    this.currentRole = role;
    this.roles.set(this.sim.now, role);
  }

  /** The role at `t` (now or a moment ago). */
  roleAt(t: Micros): PgRole {
    return this.roles.at(t);
  }

  get lsn(): number {
    return this.wal.length;
  }

  get lagBytesPerRecord(): number {
    return this.options.walBytesPerWrite;
  }

  /**
   * An INSERT from a client: `responder` hears the outcome when the commit
   * returns ('read-only' at once on a replica), or never if the connection
   * is cut first.
   */
  insert(writeId: number, responder: Responder<WriteOutcome>): void {
    if (this.role !== 'primary') { responder.respond('read-only'); return; }
    this.sim.schedule(this.flushDelay(), flushed, new PendingCommit(this, writeId, responder, this.incarnation));
  }

  /** The same INSERT, its outcome as an event (for callers that wait in a process). */
  insertEvent(writeId: number): Event<WriteOutcome> {
    const done = this.sim.event<WriteOutcome>();
    this.insert(writeId, adapt(done));
    return done;
  }

  /** @internal The commit's WAL record is flushed. */
  _flushed(c: PendingCommit): void {
    // The server went down or was demoted before the flush: the client's connection is gone.
    if (c.incarnation !== this.incarnation || this.role !== 'primary') return;
    this.wal.push(c.writeId);
    const lsn = this.wal.length;
    this.ship(lsn);
    if (this.syncStandby === null || this.standbyFlushed.get(this.syncStandby, this.sim.now) >= lsn) c.responder.respond('ok');
    else { c.lsn = lsn; this.pending.push(c); }
  }

  /** Whether this server was up as incarnation `inc` at `t` (not crashed or demoted yet; a change at `t` itself counts as before). */
  wasUpAt(inc: number, t: Micros): boolean {
    return inc === this.incarnation || this.incarnationEnded[inc]! > t;
  }

  /** Chooses the synchronous standby (Patroni does); null releases waiting commits unreplicated. */
  setSyncStandby(name: string | null): void {
    if (this.syncStandby === name) return;
    this.syncStandby = name;
    // Its acks in flight must now release commits when they arrive: they travel as events from here on.
    if (name !== null) for (const a of this.standbyFlushed.takeInFlight(name, this.sim.now)) this.sim.at(a.arrival, ackArrives, new StandbyAck(this.peers.get(name)!, this.name, a.lsn));
    this.trace.emit(this.name, 'sync-standby', { standby: name });
    this.releaseAcked();
  }

  promote(): void {
    if (this.role !== 'replica') return;
    this.timeline++;
    this.role = 'primary';
    this.upstream = null;
    this.syncStandby = null;
    this.standbyFlushed.clear(this.sim.now);
    this.streams.clear();
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
    this.nextIncarnation();
    // The backend is terminated: the client gets no commit confirmation at all.
    this.pending = [];
    if (stop === 'fast') this.sendRemainingWal();
    this.role = 'replica';
    this.syncStandby = null;
    this.trace.emit(this.name, 'demoted', { lsn: this.wal.length, stop });
  }

  /** The server process dies with its pod; the WAL on disk survives. */
  crash(): void {
    this.nextIncarnation();
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

  private nextIncarnation(): void {
    this.incarnationEnded[this.incarnation] = this.sim.now;
    this.incarnation++;
  }

  /** @internal Replica side: a record arrives on the replication stream. */
  _receive(from: string, rec: WalRecord): void {
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
    this.sendInStream(r, () => {
      r.catchUpInFlight = false;
      if (r.incarnation !== replicaInc || r.role !== 'replica' || r.upstream !== this.name || r.wal.length !== from) return;
      if (commonPrefix(r.wal, this.wal) < from) return; // diverged meanwhile: the next follow rewinds
      r.wal.push(...records);
      r.timeline = timeline;
      r.ackTo(this.name);
    });
  }

  /** Sends a message other than a queued record on `r`'s stream now, behind what has left and ahead of what has not. */
  private sendInStream(r: PostgresNode, deliver: () => void): void {
    const st = this.stream(r.name);
    for (const s of st.withdrawAhead(this.sim.now)) this.handOver(new WalShipment(this, r, st, s.rec, s.incarnation, s.leaveAt), false);
    st.noteLeft(this.net.send(this.name, r.name, deliver, undefined, st.leftArrival(this.sim.now)));
  }

  private stream(replica: string): WalStream {
    let st = this.streams.get(replica);
    if (st === undefined) this.streams.set(replica, (st = new WalStream()));
    return st;
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
      const st = this.stream(r.name);
      const leaveAt = Math.max(st.senderFree, this.sim.now + lag);
      st.senderFree = leaveAt;
      this.handOver(new WalShipment(this, r, st, rec, inc, leaveAt), true);
    }
  }

  /**
   * A record leaves at `leaveAt`: sent ahead now, in one event, when the
   * network can tell nothing on it changes before then and nothing queued
   * the two-event way is still ahead of it; else at its time (two events).
   */
  private handOver(s: WalShipment, mayGoAhead: boolean): void {
    const st = s.stream;
    if (mayGoAhead && st.slowPending === 0 && s.leaveAt > this.sim.now && this.net.canSendAhead(s.leaveAt)) {
      s.arrival = this.net.send(this.name, s.to.name, shipmentArrives, s, st.lastArrival, s.leaveAt);
      st.noteAhead(s);
      return;
    }
    st.slowPending++;
    this.sim.at(s.leaveAt, leaves, s);
  }

  /** @internal A record handed over the two-event way leaves its sender now. */
  _leave(s: WalShipment): void {
    s.stream.slowPending--;
    if (s.incarnation !== this.incarnation || this.role !== 'primary') return;
    s.stream.noteLeft(this.net.send(this.name, s.to.name, shipmentArrives, s, s.stream.leftArrival(this.sim.now)));
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
      const from = this.standbyFlushed.get(r.name, this.sim.now);
      const records = this.wal.slice(from);
      if (records.length === 0) continue;
      this.sendInStream(r, () => r.receiveBatch(this.name, from, records, timeline));
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

  /**
   * Replies with this standby's flushed position. A primary that is not
   * waiting for it (this is not its synchronous standby) hears it with no
   * event when the network allows (see StandbyPositions).
   */
  private ackTo(primary: string): void {
    const ack = new StandbyAck(this, primary, this.wal.length);
    const up = this.peers.get(primary);
    if (up === undefined || up.syncStandby === this.name) { this.net.send(this.name, primary, ackArrives, ack); return; }
    const arrival = this.net.sendUnheard(this.name, primary, ackArrives, ack);
    if (arrival >= 0) up.standbyFlushed.unheardAck(this.name, ack.lsn, arrival, this.sim.now);
  }

  /** @internal A flush position this standby sent arrives at the primary it named. */
  _acked(a: StandbyAck): void {
    this.peers.get(a.primary)?.onStandbyFlushed(this.name, a.lsn);
  }

  private onStandbyFlushed(standby: string, lsn: number): void {
    if (this.role !== 'primary') return;
    this.standbyFlushed.arrived(standby, lsn);
    if (standby === this.syncStandby) this.releaseAcked();
  }

  private releaseAcked(): void {
    const upTo = this.syncStandby === null ? Infinity : this.standbyFlushed.get(this.syncStandby, this.sim.now);
    const pending = this.pending;
    let i = 0;
    while (i < pending.length && pending[i]!.lsn <= upTo) i++;
    if (i === 0) return;
    // Cut the list first: a responder may run code that commits again.
    const released = pending.splice(0, i);
    for (const c of released) c.responder.respond('ok');
  }

  private flushDelay(): Micros {
    return Math.round(ms(this.options.flushMs) * Math.exp(0.5 * this.rng.normal()));
  }
}
