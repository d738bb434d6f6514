import type { Event } from '../../src/kernel/event.js';
import { URGENT } from '../../src/kernel/priority.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { PROCESS_FAULTS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle, type StopCause } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { Network } from '../net/network.js';
import { LockTable } from './lock-table.js';
import { OrdersTables, type OrderRow } from './tables.js';
import { Transaction, type TxHost } from './transaction.js';
import type { DbSession, PlaceOrderOutcome } from './db-session.js';
import type { OrdersDbEvents } from './orders-db-events.js';

export type { DbSession, PlaceOrderOutcome } from './db-session.js';

export interface OrdersDbOptions {
  /** Median time of one statement (INSERT, UPDATE or COMMIT). */
  readonly queryMs: number;
  readonly initialStock: Readonly<Record<string, number>>;
  /** Sigma of the underlying normal of statement times; 0.5 puts p99 at about 3.2x the median, 0 makes them exact. */
  readonly querySigma?: number;
}

function startTransaction(tx: Transaction): void {
  tx.start();
}

/**
 * Flux-Gate's PostgreSQL server: the `orders` and `products` tables and the
 * worker's one transaction, run server side as
 *
 *   BEGIN;
 *   INSERT INTO orders (order_id, product_id) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING;
 *   -- only if a row was inserted:
 *   UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock > 0;
 *   -- 0 rows updated: ROLLBACK, "SOLD OUT in DB ... Data inconsistency detected"
 *   COMMIT;
 *
 * Each statement takes a log-normal time around `queryMs`. Read committed
 * with row locks, as Postgres runs it: the UPDATE holds the product row from
 * its start to COMMIT, so buyers of one product are serialised (a flash sale
 * of one item commits at most about 1000 / (2 x queryMs) orders per second,
 * 250/s at 2 ms, however big the pools); it re-checks `stock > 0` on the latest committed row, so stock
 * never goes below 0. An INSERT whose order id an open transaction already
 * inserted waits for that one: if it commits, this one does nothing
 * ('duplicate'); if it rolls back, this one inserts. Nothing is visible
 * before COMMIT.
 *
 * A crash (the server process dies, the machine stays up) rolls back every
 * open transaction: its caller gets no answer, and a client whose session
 * says so is told its connection was reset. While down, requests are
 * answered 'db-down' (the kernel refuses the TCP connection: ECONNREFUSED).
 * Committed rows survive (WAL); crash recovery time is `restartAfterMs`.
 *
 * Faults (target = name): crash {restartAfterMs?}, restart.
 *
 * Not modelled: max_connections (100 by default; pools here stay under it),
 * server CPU saturation, idle-in-transaction sessions (the server runs the
 * whole transaction, so a client cannot leave one open).
 *
 * Each transaction's steps are in transaction.ts.
 */
export class OrdersDb {
  /** Transactions answered, by outcome; and those rolled back by a crash or a closed connection. */
  inserted = 0;
  duplicates = 0;
  soldOut = 0;
  rolledBack = 0;
  private readonly tables: OrdersTables;
  private readonly locks: LockTable<Transaction>;
  private readonly open = new Set<Transaction>();
  private readonly txHost: TxHost;
  private readonly rng: RandomStream;
  private readonly sigma: number;
  private readonly life: Lifecycle<CrashParams>;
  /** Transactions a fast restart rolled back, reported with its restart record. */
  private bounceRolledBack = 0;

  constructor(private readonly sim: Simulation, net: Network, readonly name: string, private readonly options: OrdersDbOptions) {
    if (!(options.queryMs >= 0 && options.queryMs < Infinity)) throw new Error(`orders-db ${name}: queryMs must be >= 0, got ${options.queryMs}`);
    this.sigma = options.querySigma ?? 0.5;
    this.tables = new OrdersTables(options.initialStock);
    this.locks = new LockTable<Transaction>(sim);
    this.rng = sim.rng(`orders-db/${name}`);
    this.txHost = {
      sim, locks: this.locks, tables: this.tables,
      statementTime: () => this.statementTime(),
      clientGone: (tx) => this.clientGone(tx),
      answer: (tx, outcome) => this.answer(tx, outcome),
      soldOut: (tx) => this.sim.trace.typed<OrdersDbEvents>().emit(this.name, 'sold-out', { orderId: tx.orderId, productId: tx.productId }),
      ended: (tx) => { this.open.delete(tx); },
    };
    // The machine stays up when the server process dies: packets arrive and the kernel answers them (RST).
    net.addHost(name);
    this.life = new Lifecycle<CrashParams>(sim, name, { faults: PROCESS_FAULTS, restartDelay: restartOnRequest }, {
      stopped: (cause, _restart, crash) => this.stopped(cause, crash?.restartAfterMs),
      running: (bounced) => {
        this.sim.trace.typed<OrdersDbEvents>().emit(this.name, 'restart', { rolledBack: bounced ? this.bounceRolledBack : 0, committedOrders: this.tables.orderCount });
      },
    });
  }

  /** Whether the server process is running. */
  get up(): boolean {
    return this.life.up;
  }

  /** Committed stock of a product (0 for one the table does not hold). */
  stock(productId: string): number {
    return this.tables.stock(productId);
  }

  orderCount(): number {
    return this.tables.orderCount;
  }

  hasOrder(orderId: string): boolean {
    return this.tables.hasOrder(orderId);
  }

  /** Committed rows in commit order (a live view: later commits appear in it). */
  orders(): readonly OrderRow[] {
    return this.tables.orders();
  }

  /** Transactions currently open at the server. */
  get openTransactions(): number {
    return this.open.size;
  }

  /**
   * Runs the order transaction at the server. Answers the outcome after COMMIT
   * (or ROLLBACK for 'sold-out'), 'db-down' at once while the process is down,
   * and never if the server crashes or the session closes before COMMIT.
   */
  placeOrder(orderId: string, productId: string, session?: DbSession): Event<PlaceOrderOutcome | 'db-down'> {
    const done = this.sim.event<PlaceOrderOutcome | 'db-down'>();
    if (!this.up) return done.succeed('db-down');
    const tx = new Transaction(this.txHost, orderId, productId, session, done);
    this.open.add(tx);
    // Where the server-side process started: at once, before ordinary events of this instant.
    this.sim.schedule(0, startTransaction, tx, URGENT);
    return done;
  }

  /** The server process dies. In-flight transactions roll back; committed data stays. */
  crash(restartAfterMs?: number): void {
    this.life.stop('crash', { restartAfterMs });
  }

  /**
   * Starts the server again; on a running server, a fast restart: open
   * transactions roll back, their connections are reset.
   */
  restart(): void {
    this.life.restart();
  }

  /** Open transactions roll back either way; only a crash is recorded as one (a fast restart records its restart). */
  private stopped(cause: StopCause, restartAfterMs: number | undefined): void {
    const rolledBack = this.abortOpen();
    if (cause === 'bounce') { this.bounceRolledBack = rolledBack; return; }
    this.sim.trace.typed<OrdersDbEvents>().emit(this.name, 'crash', { rolledBack, restartAfterMs: restartAfterMs ?? null });
  }

  /** A closed connection rolls the transaction back at this statement boundary; nobody is left to answer. */
  private clientGone(tx: Transaction): boolean {
    if (tx.session?.closed !== true) return false;
    this.rolledBack++;
    return true;
  }

  private answer(tx: Transaction, outcome: PlaceOrderOutcome): void {
    if (outcome === 'inserted') this.inserted++;
    else if (outcome === 'duplicate') this.duplicates++;
    else this.soldOut++;
    tx.done.succeed(outcome);
  }

  /** Rolls back every open transaction without an answer; returns how many. */
  private abortOpen(): number {
    const open = [...this.open];
    this.open.clear();
    // Locks first: killing a holder must not hand its keys to a waiter that is about to die too.
    this.locks.clear();
    for (const tx of open) {
      tx.kill();
      tx.session?.terminated?.();
    }
    this.rolledBack += open.length;
    return open.length;
  }

  private statementTime(): Micros {
    return Math.round(this.rng.lognormal(ms(this.options.queryMs), this.sigma));
  }
}
