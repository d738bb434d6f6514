import type { Event } from '../../src/kernel/event.js';
import { URGENT } from '../../src/kernel/priority.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import type { ConnectionPool } from '../pool/connection-pool.js';
import type { OrdersDb } from './orders-db.js';
import { PlaceOrderOp, type OpHost, type TxResult } from './place-order-op.js';

export type { TxResult } from './place-order-op.js';

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
 * (`net.addHost`), or no answer can reach it. One call's steps are in
 * place-order-op.ts.
 */

export interface DbClientOptions {
  /** Client-side limit for the whole transaction (node-postgres query_timeout); must be > 0. */
  readonly statementTimeoutMs: number;
}

export class DbClient {
  private readonly inFlight = new Set<PlaceOrderOp>();
  private readonly opHost: OpHost;

  constructor(
    sim: Simulation,
    private readonly net: Network,
    readonly host: string,
    private readonly db: OrdersDb,
    readonly pool: ConnectionPool,
    options: DbClientOptions,
  ) {
    if (!(options.statementTimeoutMs > 0 && options.statementTimeoutMs < Infinity)) {
      throw new Error(`db client ${host}: statementTimeoutMs must be > 0, got ${options.statementTimeoutMs}`);
    }
    this.opHost = {
      sim, net, host, db, pool,
      timeout: ms(options.statementTimeoutMs),
      forget: (op) => { this.inFlight.delete(op); },
      closeAtServer: (session) => this.closeAtServer(session),
    };
  }

  /** Transactions started and not yet finished (waiting for a connection included). */
  get pending(): number {
    return this.inFlight.size;
  }

  placeOrder(orderId: string, productId: string): Event<TxResult> {
    const op = new PlaceOrderOp(this.opHost, orderId, productId);
    this.inFlight.add(op);
    // Where the client process started: at once, before ordinary events of this instant.
    this.opHost.sim.schedule(0, startOp, op, URGENT);
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
      op.finish({ ok: false, error: 'client closed' });
    }
  }

  /** The client's FIN reaches the server one network trip later (if the path is up). */
  private closeAtServer(session: { closed: boolean }): void {
    this.net.send(this.host, this.db.name, () => { session.closed = true; }, undefined);
  }
}

function startOp(op: PlaceOrderOp): void {
  op.start();
}
