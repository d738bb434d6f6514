import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { HdfsEvents } from './hdfs-events.js';

/** A client of the ensemble: whether it can reach it now, and who to tell when its session expired. */
export interface ZkClient {
  readonly name: string;
  canReachZk(): boolean;
  sessionExpired(session: number): void;
}

interface Session {
  readonly id: number;
  readonly client: ZkClient;
  readonly timeoutMs: number;
  expiryTimer: number;
  /** The client will never ping again (closed while unreachable, or its process stopped). */
  abandoned: boolean;
}

interface Znode { readonly data: string; readonly ephemeralOwner: number | null }

/**
 * A ZooKeeper ensemble as the ZKFC uses it [ZK-PROG]: sessions kept alive by
 * the client's pings and expired by the server when none arrives for the
 * session timeout, ephemeral znodes deleted with their session, one-shot
 * watches that fire on deletion, and persistent znodes (the breadcrumb).
 * Operations take no time (ASSUMPTION: a LAN ensemble, ms against seconds).
 * Expiry is counted from the moment the client lost contact (its last ping
 * is at most a third of the timeout earlier: ignored). While the ensemble is
 * down nothing expires, and when it comes back every session gets a fresh
 * timeout (a new leader resets session deadlines).
 * A session whose client reconnects within the timeout lives on. A session
 * abandoned by its client (closed while the close could not reach the
 * ensemble, or its process stopped) gets no more pings, so the server
 * expires it one timeout after the last ping it did get, whether or not the
 * network heals: the server moves a session's deadline only when the
 * client touches it, and expires whatever passes its deadline
 * [ZK-SESSION-TRACKER].
 */
export class ZooKeeper {
  private readonly sessions = new Map<number, Session>();
  private readonly znodes = new Map<string, Znode>();
  private readonly watches = new Map<string, (() => void)[]>();
  private nextSession = 1;
  up = true;
  private readonly trace: TypedTrace<HdfsEvents>;

  constructor(private readonly sim: Simulation, readonly name = 'zookeeper') {
    this.trace = sim.trace.typed<HdfsEvents>();
  }

  /** Opens a session; null when the client cannot reach a live ensemble. */
  open(client: ZkClient, timeoutMs: number): number | null {
    if (!this.reachable(client)) return null;
    const s: Session = { id: this.nextSession++, client, timeoutMs, expiryTimer: -1, abandoned: false };
    this.sessions.set(s.id, s);
    return s.id;
  }

  isLive(session: number): boolean { return this.sessions.has(session); }

  /**
   * The client closes its session: its ephemeral znodes go at once. A close
   * that cannot reach the ensemble is lost, but the closed handle pings no
   * more, so the session is abandoned and expires instead.
   */
  close(session: number): void {
    const s = this.sessions.get(session);
    if (s === undefined) return;
    if (!this.reachable(s.client)) return this.abandon(session);
    this.sim.cancel(s.expiryTimer);
    this.sessions.delete(session);
    this.deleteEphemerals(session);
  }

  /**
   * The client stops pinging for good (its process stopped, or it closed
   * while cut off): the countdown keeps running from its last contact, or
   * starts now if it was still in contact, and contact no longer resets it.
   */
  abandon(session: number): void {
    const s = this.sessions.get(session);
    if (s === undefined || s.abandoned) return;
    s.abandoned = true;
    this.recount(s);
  }

  /** create(): 'ok', 'exists', or 'unavailable' (no live session or ensemble). */
  create(session: number, path: string, data: string, ephemeral: boolean): 'ok' | 'exists' | 'unavailable' {
    const s = this.sessions.get(session);
    if (s === undefined || s.abandoned || !this.reachable(s.client)) return 'unavailable';
    if (this.znodes.has(path)) return 'exists';
    this.znodes.set(path, { data, ephemeralOwner: ephemeral ? session : null });
    return 'ok';
  }

  /** setData or create of a persistent znode. */
  put(path: string, data: string): void { this.znodes.set(path, { data, ephemeralOwner: null }); }

  get(path: string): string | null { return this.znodes.get(path)?.data ?? null; }

  delete(path: string): void {
    if (!this.znodes.delete(path)) return;
    const fns = this.watches.get(path) ?? [];
    this.watches.delete(path);
    // Watch notifications travel as events after the delete, as ZooKeeper sends them.
    for (const fn of fns) this.sim.schedule(0, fn);
  }

  /** exists() with a watch: `fn` runs once, when `path` is deleted. */
  watchDeletion(path: string, fn: () => void): void {
    const list = this.watches.get(path);
    if (list === undefined) this.watches.set(path, [fn]);
    else list.push(fn);
  }

  /** The client's link to the ensemble changed: the server starts or stops counting its session down. */
  contactChanged(client: ZkClient): void {
    for (const s of this.sessions.values()) if (s.client === client) this.recount(s);
    if (this.reachable(client)) this.tellExpired(client);
  }

  /** The ensemble loses quorum: no session expires until it is back. */
  down(): void {
    if (!this.up) return;
    this.up = false;
    for (const s of this.sessions.values()) this.sim.cancel(s.expiryTimer);
    this.trace.emit(this.name, 'zk-down');
  }

  /** Back: every session starts a fresh timeout, kept alive by the clients that can reach it. */
  recover(): void {
    if (this.up) return;
    this.up = true;
    this.trace.emit(this.name, 'zk-up');
    for (const s of [...this.sessions.values()]) this.recount(s, true);
  }

  /** Expires the sessions of `clientName` now (the session-expiry fault). */
  expireSessionsOf(clientName: string): void {
    for (const s of [...this.sessions.values()]) if (s.client.name === clientName) this.expire(s);
  }

  private reachable(client: ZkClient): boolean { return this.up && client.canReachZk(); }

  /** Starts, keeps or stops a session's countdown: only a client that still pings and gets through stops it. */
  private recount(s: Session, fresh = false): void {
    if (!this.up) return;
    if (!s.abandoned && this.reachable(s.client)) { this.sim.cancel(s.expiryTimer); s.expiryTimer = -1; return; }
    if (s.expiryTimer !== -1 && !fresh) return;
    this.sim.cancel(s.expiryTimer);
    s.expiryTimer = this.sim.schedule(ms(s.timeoutMs), () => this.expire(s));
  }

  private expire(s: Session): void {
    if (!this.sessions.delete(s.id)) return;
    this.sim.cancel(s.expiryTimer);
    this.trace.emit(this.name, 'session-expired', { client: s.client.name, session: s.id, deleted: this.ephemeralsOf(s.id) });
    this.deleteEphemerals(s.id);
    // A closed handle hears nothing. A live client hears "expired" when its
    // connection is next answered: after the watch notifications.
    if (s.abandoned) return;
    if (this.reachable(s.client)) this.sim.schedule(0, () => s.client.sessionExpired(s.id));
    else this.unheard.push(s);
  }

  /** Expired sessions whose clients have not heard yet (told on reconnect, as the server's reply to a reconnect says "expired"). */
  private readonly unheard: Session[] = [];

  private tellExpired(client: ZkClient): void {
    const mine = this.unheard.filter((s) => s.client === client);
    if (mine.length === 0) return;
    this.unheard.splice(0, this.unheard.length, ...this.unheard.filter((s) => s.client !== client));
    for (const s of mine) client.sessionExpired(s.id);
  }

  private ephemeralsOf(session: number): string[] {
    return [...this.znodes.entries()].filter(([, z]) => z.ephemeralOwner === session).map(([p]) => p);
  }

  private deleteEphemerals(session: number): void {
    for (const p of this.ephemeralsOf(session)) this.delete(p);
  }
}
