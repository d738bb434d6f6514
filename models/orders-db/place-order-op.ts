import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { CallOutcome, Network } from '../net/network.js';
import type { Acquired, ConnectionPool } from '../pool/connection-pool.js';
import type { DbSession, PlaceOrderOutcome } from './db-session.js';
import type { OrdersDb } from './orders-db.js';

/** What a worker's placeOrder ends with (db-client.ts lists the errors). */
export type TxResult = { ok: true; outcome: PlaceOrderOutcome } | { ok: false; error: string };


/** What an operation uses of its client. */
export interface OpHost {
  readonly sim: Simulation;
  readonly net: Network;
  readonly host: string;
  readonly db: OrdersDb;
  readonly pool: ConnectionPool;
  readonly timeout: Micros;
  /** The operation is over (answered or not): the client forgets it. */
  forget(op: PlaceOrderOp): void;
  /** The client closes its connection: the server hears it one trip later. */
  closeAtServer(session: { closed: boolean }): void;
}

const RESET = 1;

/**
 * One placeOrder call of db-client.ts, written as callbacks: a connection
 * from the pool, the transaction as one request/response, the connection back
 * whatever happened. Callbacks in place of the client process, step for
 * step: each step runs in the event in which that process resumed (a free
 * connection at once, the answer one event after the first of reply,
 * time-out and reset), so every seed gives the run it gave before.
 */
export class PlaceOrderOp {
  readonly result: Event<TxResult>;
  /** The server crashed while the transaction was open: the connection was reset. */
  readonly reset: Event<void>;
  request: Event<Acquired> | null = null;
  release: (() => void) | null = null;
  session: (DbSession & { closed: boolean }) | null = null;
  /** Which came first: 0 the call's outcome, RESET the reset; -1 while neither. */
  private first = -1;
  private outcome: CallOutcome<PlaceOrderOutcome | 'db-down'> | undefined = undefined;

  constructor(private readonly c: OpHost, readonly orderId: string, readonly productId: string) {
    this.result = c.sim.event<TxResult>();
    this.reset = c.sim.event<void>();
  }

  /** Answers `r` unless the operation was answered already (dropped by the client). */
  finish(r: TxResult): void {
    if (!this.result.triggered) this.result.succeed(r);
  }

  /** The process's first step: a connection, at once if one is free. */
  start(): void {
    const request = this.c.pool.acquire();
    this.request = request;
    if (request.processed) return this.acquired(request.value!);
    request.addCallback((ev) => this.acquired(ev.value!));
  }

  private acquired(lease: Acquired): void {
    this.request = null;
    if (!lease.ok) {
      this.c.forget(this);
      return this.finish({ ok: false, error: lease.error });
    }
    this.release = lease.release;
    if (this.result.triggered) return this.done(); // dropped while it waited
    const { net, host, db } = this.c;
    const session: DbSession & { closed: boolean } = {
      closed: false,
      // The crashed server's OS resets the socket; the client hears it one network trip later.
      terminated: () => { net.send(db.name, host, () => { if (!this.reset.triggered) this.reset.succeed(); }, undefined); },
    };
    this.session = session;
    const { orderId, productId } = this;
    net.call(host, db.name, () => db.placeOrder(orderId, productId, session), this.c.timeout).addCallback((ev) => this.settle(0, ev.value));
    this.reset.addCallback(() => this.settle(RESET, undefined));
  }

  /** anyOf(call, reset): the first one wins; the client goes on one event later. */
  private settle(which: number, outcome: CallOutcome<PlaceOrderOutcome | 'db-down'> | undefined): void {
    if (this.first >= 0) return;
    this.first = which;
    this.outcome = outcome;
    this.c.sim.schedule(0, answered, this);
  }

  /** @internal The first of reply, time-out and reset. */
  _answered(): void {
    const answer = this.outcome;
    if (this.first === RESET) this.finish({ ok: false, error: 'connection terminated' });
    else if (!answer!.ok) {
      // pg-pool destroys a connection released with an error: closing it tells the server to roll back.
      this.c.closeAtServer(this.session!);
      this.finish({ ok: false, error: 'query timeout' });
    } else if (answer!.value === 'db-down') this.finish({ ok: false, error: 'ECONNREFUSED' });
    else this.finish({ ok: true, outcome: answer!.value });
    this.done();
  }

  /** The connection goes back to the pool, whatever happened. */
  private done(): void {
    this.release!();
    this.c.forget(this);
  }
}

function answered(op: PlaceOrderOp): void {
  op._answered();
}
