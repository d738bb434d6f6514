import { ms, type Micros, type RandomStream, type Simulation } from '../../src/scenario/index.js';
import { createRetryPolicy, type RetryPolicy } from '../../models/retry/index.js';
import type { GenericService, ServiceCall, ServiceReply } from '../../models/service/service.js';
import type { FirewallEvents } from './firewall-events.js';
import type { NetworkPolicies } from '../../models/k8s/network-policy.js';

export type QueryOutcome = 'ok' | 'timeout' | 'db-down' | 'pool-timeout';

export interface DbLinkOptions {
  readonly poolSize: number;
  readonly queryTimeoutMs: number;
  /** SQLAlchemy's pool_timeout: waiting for a free connection (30 s). */
  readonly poolTimeoutMs: number;
  readonly reconnectBaseMs: number;
  readonly reconnectCapMs: number;
}

class Query implements ServiceCall {
  timer = -1;
  settled = false;
  constructor(readonly link: DbLink, readonly done: (o: QueryOutcome) => void) {}
  answer(reply: ServiceReply): void { this.link.answered(this, reply); }
}

interface Waiter { readonly done: (o: QueryOutcome) => void; timer: number }

/**
 * One pod's connections to PostgreSQL (seed 004, "Database Connection
 * Failure" and "Query Timeout"): `poolSize` connections; a query waits up
 * to pool_timeout for one, runs at the database, and is abandoned with 504
 * after the 30 s query timeout, its connection released. A refused or reset
 * connection marks the link down: queries fail at once (503) while the
 * link reconnects with the seed's back-off, 1, 2, 4, 8 s ... at most 30 s,
 * so the service comes back up to 30 s after the database does. A
 * NetworkPolicy that drops the pod's egress to the database makes queries
 * and reconnects go unanswered: timeouts, never refusals.
 */
export class DbLink {
  connected = false;
  reconnects = 0;
  timeouts = 0;
  private inUse = 0;
  private readonly waiters: Waiter[] = [];
  private attempt = 0;
  private retryTimer = -1;
  private alive = true;

  private readonly backoff: RetryPolicy;
  private readonly backoffRng: RandomStream;

  constructor(private readonly sim: Simulation, readonly pod: string, private readonly db: GenericService, private readonly policy: NetworkPolicies,
    readonly options: DbLinkOptions, private readonly restoring: () => boolean = () => false) {
    this.backoff = createRetryPolicy('exponential', { baseMs: options.reconnectBaseMs, capMs: options.reconnectCapMs, maxAttempts: Infinity, capAppliesTo: 'delay' });
    this.backoffRng = sim.rng(`reconnect/${pod}`);
  }

  /** Whether the database answers this pod now: what /health's SELECT 1 learns. */
  get reachable(): boolean {
    return this.policy.admits(this.pod, 'db', 5432) && this.db.life.state === 'running' && !this.db.degradation.refusing;
  }

  /** The app starts: it opens its pool (or starts reconnecting). */
  open(): void {
    this.alive = true;
    this.attempt = 0;
    this.tryConnect();
  }

  /** The pod's process died: its connections and timers go with it. */
  close(): void {
    this.alive = false;
    this.connected = false;
    if (this.retryTimer >= 0) this.sim.cancel(this.retryTimer);
    this.retryTimer = -1;
    for (const w of this.waiters.splice(0)) this.sim.cancel(w.timer);
    this.inUse = 0;
  }

  query(done: (o: QueryOutcome) => void): void {
    // A restore stops writes to the tables (seed 004: "stop writes to affected tables").
    if (!this.connected || this.restoring()) return done('db-down');
    if (this.inUse < this.options.poolSize) return this.run(done);
    const w: Waiter = { done, timer: -1 };
    w.timer = this.sim.schedule(ms(this.options.poolTimeoutMs), () => {
      const i = this.waiters.indexOf(w);
      if (i >= 0) this.waiters.splice(i, 1);
      done('pool-timeout');
    });
    this.waiters.push(w);
  }

  private run(done: (o: QueryOutcome) => void): void {
    this.inUse++;
    const q = new Query(this, done);
    q.timer = this.sim.schedule(ms(this.options.queryTimeoutMs), () => { this.timeouts++; this.settle(q, 'timeout'); });
    // Dropped by the policy: the statement is never answered.
    if (this.policy.admits(this.pod, 'db', 5432) && !this.db.arrive(q)) return;
  }

  answered(q: Query, reply: ServiceReply): void {
    if (q.settled) return;
    if (reply === 'refused' || reply === 'reset') {
      this.settle(q, 'db-down');
      this.lost();
      return;
    }
    this.settle(q, reply === 'ok' ? 'ok' : 'timeout');
  }

  private settle(q: Query, o: QueryOutcome): void {
    if (q.settled) return;
    q.settled = true;
    this.sim.cancel(q.timer);
    if (this.alive) this.release();
    q.done(o);
  }

  private release(): void {
    this.inUse = Math.max(0, this.inUse - 1);
    const next = this.waiters.shift();
    if (next === undefined) return;
    this.sim.cancel(next.timer);
    if (!this.connected) next.done('db-down');
    else this.run(next.done);
  }

  /** The connection broke: fail the waiters, start the reconnect back-off. */
  private lost(): void {
    if (!this.connected || !this.alive) return;
    this.connected = false;
    this.sim.trace.typed<FirewallEvents>().emit(this.pod, 'db-disconnected', {});
    for (const w of this.waiters.splice(0)) { this.sim.cancel(w.timer); w.done('db-down'); }
    this.attempt = 1;
    this.scheduleReconnect();
  }

  private tryConnect(): void {
    this.retryTimer = -1;
    if (!this.alive) return;
    if (this.reachable) {
      this.connected = true;
      if (this.attempt > 0) { this.reconnects++; this.sim.trace.typed<FirewallEvents>().emit(this.pod, 'db-reconnected', { attempts: this.attempt }); }
      this.attempt = 0;
      return;
    }
    this.attempt++;
    this.scheduleReconnect();
  }

  /** The seed's back-off before reconnect attempt `n` (1, 2, 4 ... capped): exponential without jitter, so it draws nothing. */
  reconnectDelayUs(n: number): Micros {
    return this.backoff.delayBefore(n + 1, 0, this.backoffRng) ?? ms(this.options.reconnectCapMs);
  }

  private scheduleReconnect(): void {
    this.retryTimer = this.sim.schedule(this.reconnectDelayUs(Math.max(1, this.attempt)), () => this.tryConnect());
  }
}
