import type { Simulation, Micros } from '../../src/scenario/index.js';
import type { GenericService, ServiceCall, ServiceReply } from '../../models/service/service.js';
import type { PooledConnection, QueuePool } from '../../models/pool/queue-pool.js';
import { Hooks } from '../../models/client/hooks.js';
import type { CallError, CallResult } from '../../models/resilience/call-result.js';

/** One request of the API through the pool: its connection, then its query at the database. */
class PooledRequest implements ServiceCall, CallResult {
  ok = false;
  source: CallResult['source'] = 'none';
  error: CallError | null = null;
  attempts = 1;
  endedAt: Micros = -1;
  readonly staleUs = 0;
  conn: PooledConnection | null = null;
  /** Inside the database's arrive: an answer given there (a refusal) is handled after it returns. */
  sending = false;
  constructor(private readonly path: PoolPath, readonly startedAt: Micros) {}

  answer(reply: ServiceReply): void {
    this.path.queried(this, reply);
  }
}

/**
 * An API handler that takes a connection from the pool for each request,
 * runs one statement on the database and gives the connection back
 * (seed 001, Connection Pool Exhaustion). The statement runs at the
 * database (a GenericService: its faults make queries slow or the database
 * restart); a dead connection fails the statement at once, as libpq does on
 * a closed socket. Same data centre: no network delay beyond the pool's
 * connect and ping times.
 */
export class PoolPath {
  readonly completed = new Hooks<CallResult>();
  private readonly granted = (conn: PooledConnection, r: PooledRequest) => this.run(conn, r);
  private readonly failed = (_error: string, r: PooledRequest) => this.end(r, 'pool-timeout');
  private readonly finish = (r: PooledRequest) => this.done(r, r.error);

  constructor(private readonly sim: Simulation, readonly pool: QueuePool, readonly database: GenericService) {}

  request(): void {
    this.pool.checkout(this.granted, this.failed, new PooledRequest(this, this.sim.now));
  }

  /**
   * The statement goes out on its connection. Outcomes known at once (a
   * dead connection, a refusal) finish in an event of their own: finishing
   * here would check the connection in, hand it to the next waiter and send
   * its statement from inside this one, a chain as long as the line.
   */
  private run(conn: PooledConnection, r: PooledRequest): void {
    r.conn = conn;
    if (this.pool.query(conn) !== null) return this.finishLater(r, 'error');
    r.sending = true;
    const reached = this.database.arrive(r);
    r.sending = false;
    // A lost database node answers nothing; without a statement timeout the request would wait for ever.
    if (!reached) this.finishLater(r, 'connect-timeout');
  }

  /** The database answered the statement. */
  queried(r: PooledRequest, reply: ServiceReply): void {
    const error: CallError | null = reply === 'ok' ? null : reply === 'conflict' || reply === 'overloaded' ? 'error' : reply;
    if (r.sending) this.finishLater(r, error);
    else this.done(r, error);
  }

  private finishLater(r: PooledRequest, error: CallError | null): void {
    r.error = error;
    this.sim.schedule(0, this.finish, r);
  }

  private done(r: PooledRequest, error: CallError | null): void {
    this.pool.checkin(r.conn!);
    r.conn = null;
    this.end(r, error);
  }

  private end(r: PooledRequest, error: CallError | null): void {
    r.ok = error === null;
    r.source = error === null ? 'live' : 'none';
    r.error = error;
    r.endedAt = this.sim.now;
    this.completed.call(r, undefined);
  }
}
