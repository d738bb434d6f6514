import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { LockTable } from './lock-table.js';
import type { DbSession, PlaceOrderOutcome } from './db-session.js';
import type { OrdersTables } from './tables.js';

/** What a transaction uses of its server. */
export interface TxHost {
  readonly sim: Simulation;
  readonly locks: LockTable<Transaction>;
  readonly tables: OrdersTables;
  /** One statement's duration (a random draw). */
  statementTime(): Micros;
  /** Whether the client closed its connection; counts the rollback if so. */
  clientGone(tx: Transaction): boolean;
  /** Answers the client (and counts the outcome). */
  answer(tx: Transaction, outcome: PlaceOrderOutcome): void;
  /** Traces a refused order (0 rows updated). */
  soldOut(tx: Transaction): void;
  /** COMMIT or ROLLBACK is over: the transaction is no longer open. */
  ended(tx: Transaction): void;
}

/**
 * The order transaction of orders-db.ts at the server, written as callbacks:
 * INSERT (after the order id's lock), then UPDATE of the product row (after
 * its lock), then COMMIT, each statement taking `statementTime()`. Callbacks
 * in place of the server-side process, step for step: each step runs in the
 * event in which that process resumed (a free lock at once, a contended one
 * when it is handed over), so every seed gives the run it gave before.
 */
export class Transaction {
  private started = false;
  private dead = false;
  private sleepToken = -1;
  /** What follows the statement running now. */
  private next: (tx: Transaction) => void = inserted;
  private readonly orderKey: string;

  constructor(
    private readonly host: TxHost,
    readonly orderId: string,
    readonly productId: string,
    readonly session: DbSession | undefined,
    readonly done: Event<PlaceOrderOutcome | 'db-down'>,
  ) {
    this.orderKey = `order:${orderId}`;
  }

  /** INSERT ... ON CONFLICT (order_id) DO NOTHING: waits for an open transaction that inserted the same id. */
  start(): void {
    if (this.dead) return;
    this.started = true;
    this.whenLocked(this.host.locks.lock(this.orderKey, this), inserted);
  }

  /** The server crashed: nothing more runs, and nobody is answered. */
  kill(): void {
    if (this.dead) return;
    this.dead = true;
    if (this.sleepToken >= 0) this.host.sim.cancel(this.sleepToken);
    if (this.started) this.end();
  }

  /** @internal The INSERT ran. */
  _inserted(): void {
    const { host } = this;
    if (host.tables.hasOrder(this.orderId)) {
      host.locks.unlock(this.orderKey, this); // DO NOTHING locks nothing
      if (host.clientGone(this)) return this.end();
      return this.statement(emptyCommitted); // COMMIT of an empty transaction
    }
    if (host.clientGone(this)) return this.end();
    // UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock > 0: the row lock serialises buyers.
    this.whenLocked(host.locks.lock(`product:${this.productId}`, this), updated);
  }

  /** @internal The UPDATE ran. */
  _updated(): void {
    const { host } = this;
    if (host.tables.stock(this.productId) <= 0) {
      // 0 rows updated: the worker rolls back. Redis let this order through, so Redis and the DB disagree.
      host.soldOut(this);
      host.answer(this, 'sold-out');
      return this.end();
    }
    if (host.clientGone(this)) return this.end();
    this.statement(committed); // COMMIT: the WAL flush
  }

  /** @internal COMMIT is durable. */
  _committed(): void {
    this.host.tables.commitOrder(this.orderId, this.productId);
    this.host.answer(this, 'inserted');
    this.end();
  }

  /** @internal The empty transaction committed. */
  _emptyCommitted(): void {
    this.host.answer(this, 'duplicate');
    this.end();
  }

  /** @internal The statement running now took its time. */
  _statementDone(): void {
    this.sleepToken = -1;
    this.next(this);
  }

  /** Runs a statement once `granted` (a free lock is granted at once: it starts in this event), then `then`. */
  private whenLocked(granted: Event<void>, then: (tx: Transaction) => void): void {
    if (granted.processed) return this.statement(then);
    granted.addCallback(() => { if (!this.dead) this.statement(then); });
  }

  private statement(then: (tx: Transaction) => void): void {
    this.next = then;
    this.sleepToken = this.host.sim.schedule(this.host.statementTime(), statementDone, this);
  }

  /** COMMIT or ROLLBACK (after a crash the lock table is already empty). */
  private end(): void {
    this.host.locks.releaseAll(this);
    this.host.ended(this);
  }
}

function statementDone(tx: Transaction): void { tx._statementDone(); }
function inserted(tx: Transaction): void { tx._inserted(); }
function updated(tx: Transaction): void { tx._updated(); }
function committed(tx: Transaction): void { tx._committed(); }
function emptyCommitted(tx: Transaction): void { tx._emptyCommitted(); }
