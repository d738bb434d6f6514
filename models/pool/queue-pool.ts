import type { Event } from '../../src/kernel/event.js';
import { Gauge } from '../../src/kernel/metrics/gauge.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { WaiterLine, type Waiting } from '../bulkhead/waiter-line.js';
import { ExhaustionTrace } from './exhaustion-trace.js';
import { UtilisationAlert, type QueuePoolEvents } from './queue-pool-events.js';

/**
 * SQLAlchemy's `QueuePool` (`pool/impl.py`) with its connection records
 * (`pool/base.py` `_ConnectionRecord`, `_ConnectionFairy._checkout`) and
 * the Engine's reaction to a disconnect (`engine/base.py`
 * `_handle_dbapi_exception`) [SQLA-IMPL], [SQLA-BASE], [SQLA-ENGINE]:
 * - the pool starts empty; a checkout takes an idle connection (FIFO, or
 *   LIFO with `useLifo`), else opens a new one while fewer than
 *   `poolSize + maxOverflow` exist, else waits up to `timeoutMs` in line
 *   and then fails with SQLAlchemy's TimeoutError text;
 * - a checkin keeps the connection idle while fewer than `poolSize` are
 *   idle, else closes it (the overflow shrinks back);
 * - on checkout a connection is replaced (closed and reopened, `connectMs`)
 *   when it was invalidated, when it is older than `recycleMs`, or when it
 *   predates the pool's invalidation time;
 * - `prePing`: a connection that is not fresh is pinged first (`pingMs`);
 *   a dead one is invalidated, the pool's invalidation time moves to now
 *   (every older connection will be replaced on its next checkout), and it
 *   reconnects before the caller gets it, which never sees the failure;
 * - without pre-ping a dead connection is handed out; the first statement
 *   on it fails (`query` returns libpq's error) and, as the Engine does on
 *   a disconnect, the connection is invalidated and so is every connection
 *   opened before it (`invalidatePoolOnDisconnect`).
 * So after a restart without pre-ping, only the connections handed out
 * before the first failure comes back fail: a burst fails once per idle
 * connection it got, one-at-a-time use fails once [SQLA-POOL].
 *
 * Not modelled: a server that refuses connections (the restart is over when
 * `serverRestarted` is called, so every connect succeeds after `connectMs`);
 * reset-on-return; `pool_size` 0 (SQLAlchemy's "no limit").
 */
export interface QueuePoolOptions {
  /** `pool_size` (5): connections kept open once opened. */
  readonly poolSize?: number;
  /** `max_overflow` (10): extra connections beyond poolSize, closed on return; -1 no limit. */
  readonly maxOverflow?: number;
  /** `pool_timeout` (30 s) in ms: the longest wait in line; 0 fails at once. */
  readonly timeoutMs?: number;
  /** `pool_recycle` in ms (-1, never): a connection older than this is reopened on checkout. */
  readonly recycleMs?: number;
  /** `pool_pre_ping` (false). */
  readonly prePing?: boolean;
  /** `pool_use_lifo` (false). */
  readonly useLifo?: boolean;
  /** Time to open a connection (TCP, TLS, authentication), ms. No library default: the system's. */
  readonly connectMs: number;
  /** One round trip to the server, the cost of a pre-ping, ms. */
  readonly pingMs: number;
  /** The Engine invalidates the whole pool on a disconnect error (true); false is a bare pool. */
  readonly invalidatePoolOnDisconnect?: boolean;
  /** The utilisation alert's threshold, percent of poolSize + maxOverflow (the seed's 80). */
  readonly alertPercent?: number;
  /** How long utilisation must stay at or below the threshold to close an alert episode, ms (1000). */
  readonly alertClearMs?: number;
}

/** SQLAlchemy 2.x `create_engine` / QueuePool defaults [SQLA-POOL], [SQLA-IMPL]. */
export const SQLALCHEMY_POOL_DEFAULTS = Object.freeze({ poolSize: 5, maxOverflow: 10, timeoutMs: 30_000, recycleMs: -1, prePing: false, useLifo: false });

/** libpq's message for a socket the server has closed (`fe-misc.c` `pqReadData`) [PG-LIBPQ]. */
export const SERVER_CLOSED_ERROR = 'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.';

/** QueuePool._do_get's TimeoutError text (without the "Background on this error" link). */
export function queuePoolTimeoutMessage(size: number, overflow: number, timeoutMs: number): string {
  return `QueuePool limit of size ${size} overflow ${overflow} reached, connection timed out, timeout ${(timeoutMs / 1000).toFixed(2)}`;
}

/** Seed 001's "Connection pool settings" YAML, with its own key names. */
export interface SeedPoolYaml {
  readonly min_size?: number;
  readonly max_size?: number;
  readonly max_overflow?: number;
  /** Seconds. */
  readonly timeout?: number;
  /** Seconds. */
  readonly recycle?: number;
  readonly pre_ping?: boolean;
}

/** Seed 001, "Connection pool settings", as written. */
export const SEED_001_POOL_YAML: SeedPoolYaml = Object.freeze({ min_size: 5, max_size: 20, max_overflow: 10, timeout: 30, recycle: 3600, pre_ping: true });

export type SeedPoolSettings = Pick<QueuePoolOptions, 'poolSize' | 'maxOverflow' | 'timeoutMs' | 'recycleMs' | 'prePing'>;

/**
 * The seed's YAML read as SQLAlchemy would. `max_overflow`, `timeout`,
 * `recycle` and `pre_ping` are QueuePool's own keyword names (create_engine
 * spells them `pool_timeout`, `pool_recycle`, `pool_pre_ping`). `min_size`
 * and `max_size` are not SQLAlchemy names at all (they are asyncpg's and
 * psycopg_pool's): create_engine raises TypeError "Invalid argument(s)
 * 'min_size','max_size' sent to create_engine()" [SQLA-CREATE]. The
 * closest honest reading, chosen here: `min_size` is `pool_size` (the
 * connections kept open once opened; SQLAlchemy opens none ahead, so it is
 * no minimum), and `max_size` has no counterpart: the cap is pool_size +
 * max_overflow, 15 for the seed, not 20. The notes say so, for the report.
 */
export function fromSeedPoolYaml(y: SeedPoolYaml): { settings: SeedPoolSettings; notes: string[] } {
  const d = SQLALCHEMY_POOL_DEFAULTS;
  const poolSize = y.min_size ?? d.poolSize, maxOverflow = y.max_overflow ?? d.maxOverflow;
  const notes: string[] = [];
  const unknown = (['min_size', 'max_size'] as const).filter((k) => y[k] !== undefined);
  if (unknown.length > 0) notes.push(`${unknown.join(' and ')}: not SQLAlchemy parameters (create_engine raises TypeError "Invalid argument(s) ${unknown.map((k) => `'${k}'`).join(',')} sent to create_engine()")`);
  if (y.min_size !== undefined) notes.push(`min_size ${y.min_size} read as pool_size ${poolSize}: kept open once opened; the pool starts empty and opens none ahead`);
  const cap = maxOverflow === -1 ? Infinity : poolSize + maxOverflow;
  if (y.max_size !== undefined && y.max_size !== cap) {
    notes.push(`max_size ${y.max_size} has no counterpart: at most pool_size + max_overflow = ${poolSize} + ${maxOverflow} = ${cap} connections${y.max_size > poolSize ? ` (max_overflow ${y.max_size - poolSize} would give ${y.max_size})` : ''}`);
  }
  const settings: SeedPoolSettings = {
    poolSize,
    maxOverflow,
    timeoutMs: y.timeout === undefined ? d.timeoutMs : y.timeout * 1000,
    recycleMs: y.recycle === undefined || y.recycle < 0 ? -1 : y.recycle * 1000,
    prePing: y.pre_ping ?? d.prePing,
  };
  return { settings, notes };
}

/** A checked-out connection as the caller holds it: give it to `query` and `checkin`. */
export interface PooledConnection {
  readonly id: number;
  /** When its current DB connection was opened (SQLAlchemy's `starttime`). */
  readonly openedAt: Micros;
}

export type Checkout = { readonly ok: true; readonly conn: PooledConnection } | { readonly ok: false; readonly error: string };

type Granted = (conn: PooledConnection, arg: any) => void;
type Failed = (error: string, arg: any) => void;

/** `_ConnectionRecord`: lives as long as its pool slot; its DB connection is replaced as needed. */
class ConnRecord implements PooledConnection {
  openedAt: Micros = -1;
  /** The server generation it was opened in; a restart since then killed it. */
  generation = -1;
  /** Holds a DB connection (`dbapi_connection` is not None). */
  connected = false;
  /** Just opened and not yet checked out with pre-ping (skips the ping once). */
  fresh = false;
  everOpened = false;
  checkedOut = false;
  // The checkout in progress (a record serves one at a time, so it carries it: no allocation).
  granted: Granted | null = null;
  arg: unknown = undefined;
  requestedAt: Micros = 0;
  constructor(readonly owner: QueuePool, readonly id: number) {}
}

interface Waiter extends Waiting {
  readonly granted: Granted;
  readonly failed: Failed;
  readonly arg: unknown;
  readonly since: Micros;
}

function checkedOptions(name: string, o: QueuePoolOptions) {
  const d = SQLALCHEMY_POOL_DEFAULTS;
  const r = { poolSize: o.poolSize ?? d.poolSize, maxOverflow: o.maxOverflow ?? d.maxOverflow, timeoutMs: o.timeoutMs ?? d.timeoutMs, recycleMs: o.recycleMs ?? d.recycleMs };
  const bad = (msg: string) => new Error(`pool ${name}: ${msg}`);
  if (!(Number.isInteger(r.poolSize) && r.poolSize >= 1)) throw bad(`poolSize must be an integer >= 1 (SQLAlchemy's 0, no limit, is not modelled), got ${r.poolSize}`);
  if (!(Number.isInteger(r.maxOverflow) && r.maxOverflow >= -1)) throw bad(`maxOverflow must be an integer >= -1 (-1: no limit), got ${r.maxOverflow}`);
  if (!(r.timeoutMs >= 0 && r.timeoutMs < Infinity)) throw bad(`timeoutMs must be >= 0 and finite, got ${r.timeoutMs}`);
  if (!(r.recycleMs === -1 || (r.recycleMs >= 0 && r.recycleMs < Infinity))) throw bad(`recycleMs must be -1 (never) or >= 0, got ${r.recycleMs}`);
  for (const k of ['connectMs', 'pingMs'] as const) if (!(o[k] >= 0 && o[k] < Infinity)) throw bad(`${k} must be >= 0 and finite, got ${o[k]}`);
  return r;
}

export class QueuePool {
  readonly poolSize: number;
  readonly maxOverflow: number;
  readonly timeoutMs: number;
  readonly recycleMs: number;
  readonly prePing: boolean;
  /** The most connections that can exist: poolSize + maxOverflow (Infinity without an overflow limit). */
  readonly maxConnections: number;
  /** Checkouts granted a connection; checkouts that timed out in line. */
  checkouts = 0;
  timeouts = 0;
  /** Time from checkout to connection (line, connect, ping), total and longest, µs. */
  acquireTotalUs = 0;
  acquireMaxUs = 0;
  /** Time spent in line only (checkouts that had to wait), total and longest, µs. */
  waited = 0;
  waitTotalUs = 0;
  waitMaxUs = 0;
  peakWaiting = 0;
  /** Connections handed out that were already dead server-side. */
  deadHandedOut = 0;
  /** Statements that failed on a dead connection (each one an error the caller saw). */
  queryFailures = 0;
  /** DB connections opened: all of them, the replacements among them (invalidation, dead ping), and the age recycles. */
  connectsOpened = 0;
  reconnects = 0;
  recycled = 0;
  /** Pre-pings sent, and those that found the connection dead. */
  pings = 0;
  pingFailures = 0;
  /** Overflow connections closed on checkin because poolSize were idle already. */
  overflowClosed = 0;
  /** Checked-out connections over time (time-weighted mean, max). */
  readonly inUseGauge: Gauge;
  private readonly timeout: Micros;
  private readonly recycle: Micros;
  private readonly connect: Micros;
  private readonly ping: Micros;
  private readonly useLifo: boolean;
  private readonly invalidateOnDisconnect: boolean;
  private readonly idle: ConnRecord[] = [];
  private readonly line: WaiterLine<Waiter>;
  private readonly exhaustion: ExhaustionTrace;
  private readonly alert: UtilisationAlert;
  /** Records alive (SQLAlchemy: poolSize + `_overflow`). */
  private total = 0;
  private nextId = 1;
  private generation = 0;
  /** `Pool._invalidate_time`: connections opened before it are replaced on checkout. */
  private invalidatedAt: Micros = -1;
  private readonly opened = (rec: ConnRecord) => this.connectDone(rec);
  private readonly pinged = (rec: ConnRecord) => this.pingDone(rec);
  private deciding: Event<Checkout> | null = null;
  private readonly grantEvent = (conn: PooledConnection, ev: Event<Checkout>) => this.settleEvent(ev, { ok: true, conn });
  private readonly failEvent = (error: string, ev: Event<Checkout>) => this.settleEvent(ev, { ok: false, error });

  constructor(private readonly sim: Simulation, readonly name: string, options: QueuePoolOptions) {
    const o = checkedOptions(name, options);
    this.poolSize = o.poolSize;
    this.maxOverflow = o.maxOverflow;
    this.timeoutMs = o.timeoutMs;
    this.recycleMs = o.recycleMs;
    this.prePing = options.prePing ?? SQLALCHEMY_POOL_DEFAULTS.prePing;
    this.useLifo = options.useLifo ?? SQLALCHEMY_POOL_DEFAULTS.useLifo;
    this.invalidateOnDisconnect = options.invalidatePoolOnDisconnect ?? true;
    this.maxConnections = o.maxOverflow === -1 ? Infinity : o.poolSize + o.maxOverflow;
    this.timeout = ms(o.timeoutMs);
    this.recycle = o.recycleMs === -1 ? -1 : ms(o.recycleMs);
    this.connect = ms(options.connectMs);
    this.ping = ms(options.pingMs);
    this.line = new WaiterLine<Waiter>(sim, this.timeout, (w) => this.expire(w));
    this.exhaustion = new ExhaustionTrace(sim, name);
    this.alert = new UtilisationAlert(sim, name, this.maxConnections, options.alertPercent ?? 80, options.alertClearMs ?? 1000);
    this.inUseGauge = new Gauge(`${name}.in-use`, 0, sim.now);
  }

  /** Connections checked out (being opened or pinged for a checkout included): SQLAlchemy's `checkedout()`. */
  get inUse(): number { return this.total - this.idle.length; }
  /** Idle connections in the pool: `checkedin()`. */
  get idleCount(): number { return this.idle.length; }
  /** Connections alive, idle or checked out. */
  get size(): number { return this.total; }
  /** SQLAlchemy's `overflow()`: connections beyond poolSize (negative while fewer exist). */
  get overflow(): number { return this.total - this.poolSize; }
  get waiting(): number { return this.line.size; }
  /** Checked-out share of the cap now, 0..1 (the seed's alert watches it). */
  get utilisation(): number { return this.inUse / this.maxConnections; }

  /**
   * `pool.connect()`: `granted(conn, arg)` once a connection is ready (before
   * this returns if an idle one needs neither reopening nor a ping), or
   * `failed(TimeoutError text, arg)` after `timeoutMs` in line. Every
   * granted connection goes back with `checkin`.
   */
  checkout<A>(granted: (conn: PooledConnection, arg: A) => void, failed: (error: string, arg: A) => void, arg: A): void {
    const rec = this.useLifo ? this.idle.pop() : this.idle.shift();
    if (rec !== undefined) { this.begin(rec, granted, arg, this.sim.now); return; }
    if (this.total < this.maxConnections) {
      // `_inc_overflow` then `_create_connection`: the slot counts from now, while it opens.
      this.total++;
      this.begin(new ConnRecord(this, this.nextId++), granted, arg, this.sim.now);
      return;
    }
    const w: Waiter = { waiting: true, granted, failed, arg, since: this.sim.now };
    if (this.timeout === 0) { this.expire(w); return; } // Queue.get(timeout=0) raises Empty at once
    this.line.push(w);
    if (this.line.size > this.peakWaiting) this.peakWaiting = this.line.size;
  }

  /** A process's view of `checkout`. */
  checkoutEvent(): Event<Checkout> {
    const ev = this.sim.event<Checkout>();
    this.deciding = ev;
    this.checkout(this.grantEvent, this.failEvent, ev);
    this.deciding = null;
    return ev;
  }

  /**
   * The first statement on `conn`, at the moment its answer would arrive:
   * null if the connection is alive, else libpq's error, after which the
   * connection is invalidated (and, as the Engine does, every connection
   * opened before it). The caller still checks it in.
   */
  query(conn: PooledConnection): string | null {
    const rec = this.own(conn, 'query');
    if (rec.connected && rec.generation === this.generation) return null;
    this.queryFailures++;
    rec.connected = false;
    if (this.invalidateOnDisconnect && this.invalidatedAt < rec.openedAt) this.invalidatedAt = this.sim.now;
    return SERVER_CLOSED_ERROR;
  }

  /** Gives `conn` back: to the longest waiter, else idle while fewer than poolSize are, else closed. */
  checkin(conn: PooledConnection): void {
    const rec = this.own(conn, 'checkin');
    rec.checkedOut = false;
    const w = this.line.shift();
    if (w !== undefined) {
      this.noteWait(w);
      this.begin(rec, w.granted, w.arg, w.since);
      return;
    }
    if (this.idle.length < this.poolSize) {
      this.idle.push(rec);
    } else {
      rec.connected = false;
      this.total--;
      this.overflowClosed++;
    }
    this.levelChanged();
    this.exhaustion.slotIdle();
  }

  /** The database restarted: every connection open now is dead server-side (its socket was closed). */
  serverRestarted(): void {
    this.generation++;
    this.sim.trace.typed<QueuePoolEvents>().emit(this.name, 'connections-lost', { open: this.total, idle: this.idle.length });
  }

  /** `Pool._invalidate` without a connection: every connection opened before now is replaced on its next checkout. */
  invalidateAll(): void {
    this.invalidatedAt = this.sim.now;
  }

  /**
   * Takes the checkout that passed `arg` (or the event `checkoutEvent`
   * returned) out of the line; neither callback will be called. True if it
   * was waiting. Linear in the line's length: for rare withdrawals.
   */
  withdraw(arg: unknown): boolean {
    const w = this.line.find((x) => x.arg === arg);
    return w !== undefined && this.line.remove(w);
  }

  /** Mean checked-out connections since the pool was made, over virtual time. */
  meanInUse(): number {
    return this.inUseGauge.mean(this.sim.now);
  }

  private own(conn: PooledConnection, what: string): ConnRecord {
    const rec = conn as ConnRecord;
    if (!(rec instanceof ConnRecord) || rec.owner !== this) throw new Error(`pool ${this.name}: ${what} of a connection from another pool`);
    if (!rec.checkedOut) throw new Error(`pool ${this.name}: ${what} of connection ${rec.id}, which is not checked out`);
    return rec;
  }

  /** A record now serves a checkout: `_ConnectionRecord.get_connection`, then the pre-ping. */
  private begin(rec: ConnRecord, granted: Granted, arg: unknown, requestedAt: Micros): void {
    rec.checkedOut = true;
    rec.granted = granted;
    rec.arg = arg;
    rec.requestedAt = requestedAt;
    this.levelChanged();
    const now = this.sim.now;
    if (!rec.connected) { if (rec.everOpened) this.reconnects++; this.open(rec); return; }
    if (this.recycle >= 0 && now - rec.openedAt > this.recycle) { this.recycled++; this.open(rec); return; }
    if (this.invalidatedAt > rec.openedAt) { this.reconnects++; this.open(rec); return; }
    this.pingOrHand(rec);
  }

  /** `__connect`: `starttime` is taken when the connect starts. */
  private open(rec: ConnRecord): void {
    rec.connected = false;
    rec.openedAt = this.sim.now;
    if (this.connect === 0) this.connectDone(rec);
    else this.sim.schedule(this.connect, this.opened, rec);
  }

  private connectDone(rec: ConnRecord): void {
    rec.connected = true;
    rec.everOpened = true;
    rec.fresh = true;
    rec.generation = this.generation;
    this.connectsOpened++;
    this.pingOrHand(rec);
  }

  /** `_ConnectionFairy._checkout`: a fresh connection skips the ping once. */
  private pingOrHand(rec: ConnRecord): void {
    const fresh = rec.fresh;
    if (!this.prePing || fresh) { if (this.prePing) rec.fresh = false; this.hand(rec); return; }
    this.pings++;
    if (this.ping === 0) this.pingDone(rec);
    else this.sim.schedule(this.ping, this.pinged, rec);
  }

  /** A dead ping raises InvalidatePoolError: invalidate it and the pool, reconnect, hand over without a second ping. */
  private pingDone(rec: ConnRecord): void {
    if (rec.generation === this.generation) { this.hand(rec); return; }
    this.pingFailures++;
    rec.connected = false;
    if (this.invalidatedAt < rec.openedAt) this.invalidatedAt = this.sim.now;
    this.reconnects++;
    this.open(rec);
  }

  private hand(rec: ConnRecord): void {
    const granted = rec.granted!, arg = rec.arg;
    rec.granted = null;
    rec.arg = undefined;
    const took = this.sim.now - rec.requestedAt;
    this.checkouts++;
    this.acquireTotalUs += took;
    if (took > this.acquireMaxUs) this.acquireMaxUs = took;
    if (rec.generation !== this.generation) this.deadHandedOut++;
    granted(rec, arg);
  }

  private expire(w: Waiter): void {
    this.noteWait(w);
    this.timeouts++;
    this.exhaustion.timedOut(this.maxConnections, this.line.size);
    w.failed(queuePoolTimeoutMessage(this.poolSize, this.overflow, this.timeoutMs), w.arg);
  }

  private noteWait(w: Waiter): void {
    const waited = this.sim.now - w.since;
    this.waited++;
    this.waitTotalUs += waited;
    if (waited > this.waitMaxUs) this.waitMaxUs = waited;
  }

  private levelChanged(): void {
    const inUse = this.total - this.idle.length;
    this.inUseGauge.set(inUse, this.sim.now);
    this.alert.update(inUse);
  }

  private settleEvent(ev: Event<Checkout>, value: Checkout): void {
    if (ev === this.deciding) ev._settle(true, value);
    else ev.succeed(value);
  }
}
