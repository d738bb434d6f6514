import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { OutboxMessage } from './message.js';
import type { OutboxEvents } from './outbox-events.js';

export interface OutboxDatabaseOptions {
  /** From a transaction's (or a mark-sent update's) start to its commit: the round trip and the WAL flush. */
  readonly commitMs: number;
}

export const DEFAULT_OUTBOX_DATABASE: OutboxDatabaseOptions = { commitMs: 2 };

/** Why a write did not commit: nothing listening (`refused`), or the server died with it open (`reset`). */
export type TxError = 'refused' | 'reset';

/** A row of the outbox table as the relay sees it. */
export interface OutboxRow {
  readonly msg: OutboxMessage;
  readonly committedAt: Micros;
  readonly sent: boolean;
}

interface Row { readonly msg: OutboxMessage; readonly committedAt: Micros; sent: boolean }

interface Tx {
  readonly apply: () => void;
  readonly done: () => void;
  readonly fail: (error: TxError) => void;
  timer: number;
}

/**
 * The service's database with a data table and an outbox table: seed 001's
 * Outbox diagram, steps 1-4 ("Begin TX, Write Data, Write Event, Commit TX")
 * and the "Data and event in same transaction (atomicity)" key property.
 * A transaction's rows appear together at its commit, `commitMs` after it
 * began; a crash before then rolls it back whole. Committed rows are durable:
 * a crash keeps them. Readers see committed rows only (READ COMMITTED).
 * Faults on its name: `crash` (`restartAfterMs`), `restart`.
 */
export class OutboxDatabase {
  readonly options: OutboxDatabaseOptions;
  readonly life: Lifecycle<CrashParams>;
  /** A data row committed: (its event, whether an outbox row came with it). */
  readonly committed = new Hooks<OutboxMessage, boolean>();
  dataRows = 0;
  outboxRows = 0;
  sentRows = 0;
  /** Writes refused while down, and writes rolled back by a crash. */
  refused = 0;
  rolledBack = 0;
  peakBacklog = 0;
  private nextId = 1;
  private readonly outbox: Row[] = [];
  /** Rows before this index are all sent: a poll starts its scan here. */
  private head = 0;
  private readonly open = new Set<Tx>();
  private readonly commit = (tx: Tx) => {
    this.open.delete(tx);
    tx.apply();
    tx.done();
  };

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<OutboxDatabaseOptions> = {}) {
    this.options = { ...DEFAULT_OUTBOX_DATABASE, ...options };
    if (!(this.options.commitMs >= 0 && Number.isFinite(this.options.commitMs))) throw new Error(`database ${name}: commitMs must be finite and >= 0, got ${this.options.commitMs}`);
    const trace = sim.trace.typed<OutboxEvents>();
    let lost = 0;
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, restart: NO_PARAMS },
      restartDelay: restartOnRequest,
    }, {
      stopping: () => { lost = this.rollBackAll(); },
      stopped: (cause) => trace.emit(name, 'db-down', { cause, lostTx: lost }),
      running: () => trace.emit(name, 'db-up'),
    });
  }

  /** Committed outbox rows not marked sent yet. */
  get backlog(): number {
    return this.outboxRows - this.sentRows;
  }

  /**
   * Begins a transaction that writes one data row and, with `withOutbox`, its
   * event's outbox row. Returns the event (its id taken now), or null when
   * the database refused; `onCommit` or `onError` follows. A refusal is told
   * at once, a crash when it happens.
   */
  transact(producer: string, withOutbox: boolean, onCommit: (msg: OutboxMessage) => void, onError: (error: TxError) => void): OutboxMessage | null {
    if (!this.life.up) {
      this.refused++;
      onError('refused');
      return null;
    }
    const msg: OutboxMessage = { id: this.nextId++, producer };
    this.begin(() => this.insert(msg, withOutbox), () => onCommit(msg), onError);
    return msg;
  }

  /**
   * The committed outbox rows not sent yet, oldest first, at most `max`
   * (`SELECT ... WHERE published = 0 ORDER BY id LIMIT max`, as
   * [EVENTUATE-POLL] polls); null while the database is down. The read takes
   * no modelled time: its cost is inside the relay's poll interval.
   */
  unsent(max: number): OutboxRow[] | null {
    if (!this.life.up) return null;
    const rows: OutboxRow[] = [];
    for (let i = this.head; i < this.outbox.length && rows.length < max; i++) if (!this.outbox[i]!.sent) rows.push(this.outbox[i]!);
    return rows;
  }

  /** Marks rows sent in one update (seed 001's step 7, "Mark Sent"), a write like any other: refused while down, lost in a crash. */
  markSent(rows: readonly OutboxRow[], onDone: () => void, onError: (error: TxError) => void): void {
    if (!this.life.up) {
      this.refused++;
      onError('refused');
      return;
    }
    this.begin(() => this.setSent(rows as readonly Row[]), onDone, onError);
  }

  private begin(apply: () => void, done: () => void, fail: (error: TxError) => void): void {
    const tx: Tx = { apply, done, fail, timer: -1 };
    tx.timer = this.sim.schedule(ms(this.options.commitMs), this.commit, tx);
    this.open.add(tx);
  }

  private insert(msg: OutboxMessage, withOutbox: boolean): void {
    this.dataRows++;
    if (withOutbox) {
      this.outbox.push({ msg, committedAt: this.sim.now, sent: false });
      this.outboxRows++;
      if (this.backlog > this.peakBacklog) this.peakBacklog = this.backlog;
    }
    this.committed.call(msg, withOutbox);
  }

  private setSent(rows: readonly Row[]): void {
    for (const row of rows) {
      if (row.sent) continue;
      row.sent = true;
      this.sentRows++;
    }
    while (this.head < this.outbox.length && this.outbox[this.head]!.sent) this.head++;
  }

  /** A crash: every open transaction is gone, and its client hears the connection reset. */
  private rollBackAll(): number {
    const open = [...this.open];
    this.open.clear();
    for (const tx of open) this.sim.cancel(tx.timer);
    this.rolledBack += open.length;
    for (const tx of open) tx.fail('reset');
    return open.length;
  }
}
