import type { Simulation } from '../../src/kernel/simulation.js';
import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { MessageBroker, PublishError } from './broker.js';
import type { OutboxDatabase } from './database.js';
import type { OutboxMessage } from './message.js';
import type { OutboxEvents } from './outbox-events.js';

/**
 * `direct`: the dual write the outbox exists to replace: commit the data
 * row, then publish; a failed publish, or a crash before it, loses the
 * event for good (nothing retries it). `outbox`: the data row and the event
 * row in one transaction [MS-OUTBOX]; the relay publishes.
 */
export type PublishMode = 'direct' | 'outbox';

export interface EventProducerOptions {
  readonly publish: PublishMode;
}

/**
 * Seed 001's "Service A": each `write` is one business operation that
 * stores a data row and emits its event. Writes it cannot take (down, or the
 * database refused or rolled back) produce no event: only a committed data
 * row is an event the system owes its consumers. Faults on its name:
 * `crash` (`restartAfterMs`), `restart`. A transaction open at the crash
 * still commits or not in the database; the dead producer never hears it.
 */
export class EventProducer {
  readonly life: Lifecycle<CrashParams>;
  writes = 0;
  /** Writes refused while down, and transactions the database refused or rolled back. */
  refused = 0;
  txFailed = 0;
  /** Data rows committed for its writes, heard or not (one open at a crash commits unheard). */
  committed = 0;
  /** Direct mode: publishes acked, failed, and commits the producer did not live to publish. */
  published = 0;
  publishFailed = 0;
  unpublished = 0;
  private epoch = 0;
  private openTx = 0;
  private failingSince: Micros = -1;
  private failedInEpisode = 0;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly db: OutboxDatabase, private readonly broker: MessageBroker, readonly options: EventProducerOptions) {
    const trace = sim.trace.typed<OutboxEvents>();
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, restart: NO_PARAMS },
      restartDelay: restartOnRequest,
    }, {
      stopping: () => { this.epoch++; },
      stopped: (cause) => { trace.emit(name, 'producer-crash', { cause, inTx: this.openTx }); this.openTx = 0; },
      running: () => trace.emit(name, 'producer-up'),
    });
  }

  /** One business operation: seed 001's Outbox steps 1-4 (with `outbox`), or commit-then-publish (`direct`). */
  write(): void {
    this.writes++;
    if (!this.life.up) { this.refused++; return; }
    const epoch = this.epoch;
    this.openTx++;
    this.db.transact(this.name, this.options.publish === 'outbox', (msg) => this.onCommit(msg, epoch), () => {
      if (epoch === this.epoch) this.openTx--;
      this.txFailed++;
    });
  }

  private onCommit(msg: OutboxMessage, epoch: number): void {
    this.committed++;
    if (epoch !== this.epoch) {
      if (this.options.publish === 'direct') this.unpublished++;
      return;
    }
    this.openTx--;
    if (this.options.publish === 'outbox') return;
    this.broker.publish(msg, () => this.onPublished(), (error) => this.onPublishFailed(error));
  }

  private onPublished(): void {
    this.published++;
    if (this.failingSince < 0) return;
    this.sim.trace.typed<OutboxEvents>().emit(this.name, 'publish-recovered', { failed: this.failedInEpisode, afterMs: (this.sim.now - this.failingSince) / US_PER_MS });
    this.failingSince = -1;
  }

  /** Heard even by a producer that has restarted since: the event is lost either way. */
  private onPublishFailed(error: PublishError): void {
    this.publishFailed++;
    if (this.failingSince >= 0) { this.failedInEpisode++; return; }
    this.failingSince = this.sim.now;
    this.failedInEpisode = 1;
    this.sim.trace.typed<OutboxEvents>().emit(this.name, 'publish-failing', { error });
  }
}
