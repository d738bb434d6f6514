import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, US_PER_MS, type Micros } from '../../src/kernel/time.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { MessageBroker } from './broker.js';
import type { OutboxDatabase, OutboxRow } from './database.js';
import type { OutboxEvents } from './outbox-events.js';

export interface OutboxRelayOptions {
  /** Time between polls; a poll that finds the last batch still out is skipped (one batch at a time). */
  readonly pollIntervalMs: number;
  /** Rows a poll reads at most (the query's LIMIT). */
  readonly batchSize: number;
  /**
   * When a row is marked sent: `each`, on its own ack (an update per row);
   * `batch`, one update for the whole batch once every publish was acked, as
   * [EVENTUATE-POLL] `markEventsAsProcessed` does, and none if any failed
   * (Eventuate's reader then stops on the exception; here the next poll
   * tries again): a crash or a failure re-publishes the whole batch.
   */
  readonly markSent: 'each' | 'batch';
  /** A poll that finds this many unsent rows starts a `backlog` episode in the trace (Infinity: never). */
  readonly backlogAlertRows: number;
}

/**
 * A poll a second, 100 rows at most. [EVENTUATE-POLL]'s defaults are 500 ms
 * and 1000 rows (PollingPipelineReaderProperties), and its loop sleeps only
 * after a poll that found nothing; this relay polls at a fixed rate, so a
 * backlog drains at `batchSize` rows per interval at most.
 */
export const DEFAULT_OUTBOX_RELAY: OutboxRelayOptions = { pollIntervalMs: 1_000, batchSize: 100, markSent: 'each', backlogAlertRows: 1_000 };

interface Batch {
  readonly epoch: number;
  readonly rows: readonly OutboxRow[];
  /** Publishes, and with `each` their marks, not answered yet. */
  pending: number;
  failed: number;
  /** Rows whose mark-sent update has been sent to the database. */
  markIssued: number;
}

/**
 * The message relay of a polling publisher (microservices.io "Polling
 * publisher" [MS-POLLING]; seed 001's steps 5-7, "Poll Outbox, Publish,
 * Mark Sent"): it polls at once when it starts, then every
 * `pollIntervalMs`, publishes each unsent row and marks a row sent only
 * after the broker acknowledged it. Publish-then-mark is a second dual
 * write, chosen so a failure repeats a message rather than loses it: a
 * crash between publish and mark publishes the row again after the restart
 * (at-least-once, seed 001's "Key Properties"; the consumer must be
 * idempotent [MS-IDEMPOTENT]). A failed publish or mark leaves the row for
 * the next poll. Faults on its name: `crash` (`restartAfterMs`), `restart`.
 */
export class OutboxRelay {
  readonly options: OutboxRelayOptions;
  readonly life: Lifecycle<CrashParams>;
  polls = 0;
  /** Polls skipped while a batch was out, and polls the database refused. */
  skippedPolls = 0;
  failedPolls = 0;
  published = 0;
  acked = 0;
  publishErrors = 0;
  marked = 0;
  markErrors = 0;
  /** Each incarnation's answers are its own: a dead one's acks reach no one. */
  private epoch = 0;
  private timer = -1;
  private batch: Batch | null = null;
  private backlogSince: Micros = -1;
  private backlogPeak = 0;
  private readonly tick = () => this.poll();

  constructor(private readonly sim: Simulation, readonly name: string, private readonly db: OutboxDatabase, private readonly broker: MessageBroker, options: Partial<OutboxRelayOptions> = {}) {
    const o = (this.options = { ...DEFAULT_OUTBOX_RELAY, ...options });
    if (!(o.pollIntervalMs > 0 && Number.isFinite(o.pollIntervalMs) && Number.isInteger(o.batchSize) && o.batchSize >= 1 && o.backlogAlertRows > o.batchSize)) {
      throw new Error(`relay ${name}: pollIntervalMs > 0, a whole batchSize >= 1 and backlogAlertRows > batchSize, got ${JSON.stringify(o)}`);
    }
    const trace = sim.trace.typed<OutboxEvents>();
    let unmarked = 0;
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, restart: NO_PARAMS },
      restartDelay: restartOnRequest,
    }, {
      stopping: () => { unmarked = this.abandon(); },
      stopped: (cause) => trace.emit(name, 'relay-crash', { cause, unmarked }),
      running: () => { trace.emit(name, 'relay-up'); this.timer = sim.schedule(0, this.tick); },
    });
    this.timer = sim.schedule(0, this.tick);
  }

  private poll(): void {
    this.timer = this.sim.schedule(ms(this.options.pollIntervalMs), this.tick);
    if (this.batch !== null) { this.skippedPolls++; return; }
    const rows = this.db.unsent(this.options.batchSize);
    if (rows === null) { this.failedPolls++; return; }
    this.polls++;
    this.watchBacklog(this.db.backlog);
    if (rows.length === 0) return;
    const batch: Batch = { epoch: this.epoch, rows, pending: rows.length, failed: 0, markIssued: 0 };
    this.batch = batch;
    for (const row of rows) {
      this.published++;
      this.broker.publish(row.msg, () => this.onAck(batch, row), () => this.onFailed(batch));
    }
  }

  private onAck(batch: Batch, row: OutboxRow): void {
    if (batch.epoch !== this.epoch) return;
    this.acked++;
    if (this.options.markSent === 'batch') return this.answered(batch);
    batch.markIssued++;
    this.db.markSent([row], () => this.onMarked(batch, 1), () => this.onMarkFailed(batch));
  }

  private onFailed(batch: Batch): void {
    if (batch.epoch !== this.epoch) return;
    this.publishErrors++;
    batch.failed++;
    this.answered(batch);
  }

  private onMarked(batch: Batch, rows: number): void {
    if (batch.epoch !== this.epoch) return;
    this.marked += rows;
    this.answered(batch);
  }

  private onMarkFailed(batch: Batch): void {
    if (batch.epoch !== this.epoch) return;
    this.markErrors++;
    this.answered(batch);
  }

  /** One answer in; the last one ends the batch (with `batch`, after its one update). */
  private answered(batch: Batch): void {
    if (--batch.pending > 0) return;
    if (this.options.markSent === 'batch' && batch.failed === 0 && batch.markIssued === 0) {
      batch.markIssued = batch.rows.length;
      batch.pending = 1;
      this.db.markSent(batch.rows, () => this.onMarked(batch, batch.rows.length), () => this.onMarkFailed(batch));
      return;
    }
    this.batch = null;
  }

  /** A crash: the batch is dropped unmarked; returns its rows that will go out again (published, not failed, not marked). */
  private abandon(): number {
    const b = this.batch;
    this.epoch++;
    this.sim.cancel(this.timer);
    this.timer = -1;
    this.batch = null;
    return b === null ? 0 : b.rows.length - b.markIssued - b.failed;
  }

  private watchBacklog(rows: number): void {
    const trace = this.sim.trace.typed<OutboxEvents>();
    if (this.backlogSince < 0) {
      if (rows < this.options.backlogAlertRows) return;
      this.backlogSince = this.sim.now;
      this.backlogPeak = rows;
      trace.emit(this.name, 'backlog', { rows });
      return;
    }
    if (rows > this.backlogPeak) this.backlogPeak = rows;
    if (rows > this.options.batchSize) return;
    trace.emit(this.name, 'backlog-cleared', { peakRows: this.backlogPeak, afterMs: (this.sim.now - this.backlogSince) / US_PER_MS });
    this.backlogSince = -1;
  }
}
