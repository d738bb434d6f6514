import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { MessageBroker } from './broker.js';
import type { OutboxMessage } from './message.js';
import type { OutboxEvents } from './outbox-events.js';

export interface IdempotentConsumerOptions {
  /** Discard a message whose id the processed-ids table holds; false: apply every copy. */
  readonly idempotent: boolean;
  /** The handler's time for one message, ending with the commit of its local transaction (the effect, and with `idempotent` the id). */
  readonly processMs: number;
  /** From that commit until the broker has the ack (an offset commit): a crash in between hands the message over again. */
  readonly ackDelayMs: number;
}

export const DEFAULT_IDEMPOTENT_CONSUMER: IdempotentConsumerOptions = { idempotent: true, processMs: 1, ackDelayMs: 1 };

/**
 * A consumer of the broker's messages, one at a time in order: seed 001's
 * "Consumer must be idempotent". With `idempotent`, the handler's
 * transaction inserts the message id into a processed-ids table along with
 * its effect, and a copy whose id is there already is discarded
 * (microservices.io "Idempotent Consumer" [MS-IDEMPOTENT], the
 * PROCESSED_MESSAGES table). Copies come from the relay (published again
 * after a crash) and from the consumer itself: a crash after the handler
 * committed and before the ack hands the message over again, the case
 * [MS-IDEMPOTENT-POST] describes. Messages not acked, and those delivered
 * while it is down, wait in its queue: the broker keeps them for this
 * subscriber. Faults on its name: `crash` (`restartAfterMs`), `restart`.
 */
export class IdempotentConsumer {
  readonly options: IdempotentConsumerOptions;
  readonly life: Lifecycle<CrashParams>;
  /** A message the broker handed over (a copy after a consumer crash is not one: see `redelivered`). */
  readonly delivered = new Hooks<OutboxMessage>();
  /** The handler applied a message's effect: (message, whether this message's effect was applied before). */
  readonly applied = new Hooks<OutboxMessage, boolean>();
  received = 0;
  handled = 0;
  applications = 0;
  skipped = 0;
  doubleApplied = 0;
  redelivered = 0;
  private inbox: OutboxMessage[] = [];
  private head = 0;
  private timer = -1;
  private busy = false;
  /** The head message's transaction committed, its ack is not in: a restart handles it again. */
  private headHandled = false;
  /** The processed-ids table: in the consumer's database, so it survives the consumer's crash. */
  private readonly processedIds = new Set<number>();
  /** Every id whose effect was applied (the ground truth the counters need, not a table of the model). */
  private readonly appliedIds = new Set<number>();
  private readonly handleFn = () => this.handle();
  private readonly ackFn = () => this.ack();

  constructor(private readonly sim: Simulation, readonly name: string, broker: MessageBroker, options: Partial<IdempotentConsumerOptions> = {}) {
    const o = (this.options = { ...DEFAULT_IDEMPOTENT_CONSUMER, ...options });
    if (!(o.processMs >= 0 && o.ackDelayMs >= 0 && Number.isFinite(o.processMs + o.ackDelayMs))) throw new Error(`consumer ${name}: processMs and ackDelayMs must be finite and >= 0, got ${JSON.stringify(o)}`);
    const trace = sim.trace.typed<OutboxEvents>();
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, restart: NO_PARAMS },
      restartDelay: restartOnRequest,
    }, {
      stopping: () => { this.sim.cancel(this.timer); this.timer = -1; this.busy = false; },
      stopped: (cause) => trace.emit(name, 'consumer-crash', { cause, unacked: this.inbox.length - this.head }),
      running: () => { trace.emit(name, 'consumer-up'); this.next(); },
    });
    broker.subscribe((msg) => this.receive(msg));
  }

  private receive(msg: OutboxMessage): void {
    this.received++;
    this.inbox.push(msg);
    this.delivered.call(msg, undefined);
    if (!this.busy && this.life.up) this.next();
  }

  private next(): void {
    if (this.head >= this.inbox.length) return;
    if (this.headHandled) { this.redelivered++; this.headHandled = false; }
    this.busy = true;
    this.timer = this.sim.schedule(ms(this.options.processMs), this.handleFn);
  }

  private handle(): void {
    const msg = this.inbox[this.head]!;
    this.handled++;
    if (this.options.idempotent && this.processedIds.has(msg.id)) this.skipped++;
    else {
      if (this.options.idempotent) this.processedIds.add(msg.id);
      this.apply(msg);
    }
    this.headHandled = true;
    this.timer = this.sim.schedule(ms(this.options.ackDelayMs), this.ackFn);
  }

  private apply(msg: OutboxMessage): void {
    this.applications++;
    const again = this.appliedIds.has(msg.id);
    if (again) this.doubleApplied++;
    else this.appliedIds.add(msg.id);
    this.applied.call(msg, again);
  }

  private ack(): void {
    this.head++;
    this.headHandled = false;
    this.busy = false;
    if (this.head > 4096 && this.head * 2 > this.inbox.length) { this.inbox = this.inbox.slice(this.head); this.head = 0; }
    this.next();
  }
}
