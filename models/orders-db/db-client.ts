import type { Event } from '../../src/kernel/event.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { CallOutcome, Network } from '../net/network.js';
import type { Acquired, ConnectionPool } from '../pool/connection-pool.js';
import type { DbSession, OrdersDb, PlaceOrderOutcome } from './orders-db.js';
import { wait } from '../../src/kernel/wait.js';

/**
 * How a worker runs the order transaction: take a connection from its pool,
 * send the transaction to the server, give the connection back, whatever
 * happened. The result never fails; errors are values, with the messages a
 * node-postgres worker sees:
 * - 'timeout exceeded when trying to connect': the pool had no connection
 *   within acquireTimeoutMs;
 * - 'ECONNREFUSED': the server process is down, after one round trip;
 * - 'connection terminated': the server crashed with the transaction open
 *   (node-postgres says "Connection terminated unexpectedly"); nothing was
 *   committed;
 * - 'query timeout': no answer within statementTimeoutMs (a cut network, a
 *   long lock queue). The outcome is unknown: the client closes the
 *   connection, and the server rolls back unless COMMIT had already started,
 *   so a retry may find the order there ('duplicate');
 * - 'client closed': dropConnections() was called (the worker died).
 *
 * The whole transaction is one request/response: the server runs its
 * statements back to back (their times are in OrdersDb), and the client's
 * timeout covers all of them. The worker's host must be on the network
 * (`net.addHost`), or no answer can reach it.
 */
export type TxResult = { ok: true; outcome: PlaceOrderOutcome } | { ok: false; error: string };

export interface DbClientOptions {
  /** Client-side limit for the whole transaction (node-postgres query_timeout); must be > 0. */
  readonly statementTimeoutMs: number;
}

/** One placeOrder call in flight. */
interface Op {
  readonly result: Event<TxResult>;
  /** The server crashed while the transaction was open: the connection was reset. */
  readonly reset: Event<void>;
  request: Event<Acquired> | null;
  release: (() => void) | null;
  session: { closed: boolean } | null;
}

export class DbClient {
  private readonly timeout: Micros;
  private readonly inFlight = new Set<Op>();

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly host: string,
    private readonly db: OrdersDb,
    readonly pool: ConnectionPool,
    options: DbClientOptions,
  ) {
    if (!(options.statementTimeoutMs > 0 && options.statementTimeoutMs < Infinity)) {
      throw new Error(`db client ${host}: statementTimeoutMs must be > 0, got ${options.statementTimeoutMs}`);
    }
    this.timeout = ms(options.statementTimeoutMs);
  }

  /** Transactions started and not yet finished (waiting for a connection included). */
  get pending(): number {
    return this.inFlight.size;
  }

  placeOrder(orderId: string, productId: string): Event<TxResult> {
    const op: Op = { result: this.sim.event<TxResult>(), reset: this.sim.event<void>(), request: null, release: null, session: null };
    this.inFlight.add(op);
    this.sim.process(this.run(op, orderId, productId), `${this.host}/place-order/${orderId}`);
    return op.result;
  }

  /**
   * The process using this client died: its sockets close. Requests waiting
   * for a connection leave the pool's queue, connections go back to the pool
   * at once, and each open transaction's close travels to the server, which
   * rolls it back unless COMMIT had started. Every pending result is
   * 'client closed'. The client stays usable for the restarted process.
   */
  dropConnections(): void {
    for (const op of [...this.inFlight]) {
      this.inFlight.delete(op);
      if (op.request !== null) this.pool.cancel(op.request);
      if (op.session !== null) this.closeAtServer(op.session);
      op.release?.();
      this.finish(op, { ok: false, error: 'client closed' });
    }
  }

  private *run(op: Op, orderId: string, productId: string): ProcessGenerator<void> {
    op.request = this.pool.acquire();
    const lease = yield* wait(op.request);
    op.request = null;
    if (!lease.ok) {
      this.inFlight.delete(op);
      this.finish(op, { ok: false, error: lease.error });
      return;
    }
    op.release = lease.release;
    try {
      if (op.result.triggered) return; // dropped while it waited
      const session: DbSession & { closed: boolean } = {
        closed: false,
        // The crashed server's OS resets the socket; the client hears it one network trip later.
        terminated: () => { this.net.send(this.db.name, this.host, () => { if (!op.reset.triggered) op.reset.succeed(); }, undefined); },
      };
      op.session = session;
      const call = this.net.call(this.host, this.db.name, () => this.db.placeOrder(orderId, productId, session), this.timeout);
      const first = yield* wait(this.sim.anyOf([call, op.reset]));
      if (first.index === 1) { this.finish(op, { ok: false, error: 'connection terminated' }); return; }
      const answer = first.value as CallOutcome<PlaceOrderOutcome | 'db-down'>;
      if (!answer.ok) {
        // pg-pool destroys a connection released with an error: closing it tells the server to roll back.
        this.closeAtServer(session);
        this.finish(op, { ok: false, error: 'query timeout' });
      } else if (answer.value === 'db-down') {
        this.finish(op, { ok: false, error: 'ECONNREFUSED' });
      } else {
        this.finish(op, { ok: true, outcome: answer.value });
      }
    } finally {
      lease.release();
      this.inFlight.delete(op);
    }
  }

  /** The client's FIN reaches the server one network trip later (if the path is up). */
  private closeAtServer(session: { closed: boolean }): void {
    this.net.send(this.host, this.db.name, () => { session.closed = true; }, undefined);
  }

  private finish(op: Op, r: TxResult): void {
    if (!op.result.triggered) op.result.succeed(r);
  }
}
