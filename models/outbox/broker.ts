import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { OutboxMessage } from './message.js';
import { MessageLoss } from './message-loss.js';
import type { OutboxEvents } from './outbox-events.js';

export interface MessageBrokerOptions {
  /** Network time between a publisher and the broker, each way: an ack comes back 2 × this after the publish. */
  readonly latencyMs: number;
  /** From a message's acceptance (or the broker's restart) to its hand-over to the subscribers. */
  readonly deliveryMs: number;
  /** How long a publisher waits for an answer before it gives up (its request timeout); at least one round trip. */
  readonly timeoutMs: number;
}

export const DEFAULT_MESSAGE_BROKER: MessageBrokerOptions = { latencyMs: 1, deliveryMs: 1, timeoutMs: 5_000 };

/** Why a publish failed: nothing listening on the broker's port (one round trip), or no answer before the publisher's timeout. */
export type PublishError = 'refused' | 'timeout';

interface Publish {
  readonly msg: OutboxMessage;
  readonly sentAt: Micros;
  readonly onAck: () => void;
  readonly onError: (error: PublishError) => void;
}

/**
 * A message broker: seed 001's "Topic/Queue". A publish reaches it one way
 * later; a running broker appends the message to its log and acknowledges
 * it; the log is delivered to every subscriber in order, `deliveryMs` after
 * each append. The log is durable: a crash pauses delivery, the restart
 * resumes it. Faults on its name: `crash` (`restartAfterMs`; publishes are
 * refused while down), `restart`, and MessageLoss's `lose`, `lose-unacked`,
 * `heal`.
 */
export class MessageBroker {
  readonly options: MessageBrokerOptions;
  readonly life: Lifecycle<CrashParams>;
  readonly loss: MessageLoss;
  /** Publishes that reached the running broker; of those, acked ones and the acked ones lost; refused; unanswered. */
  published = 0;
  acked = 0;
  dropped = 0;
  refused = 0;
  unanswered = 0;
  /** Messages handed to the subscribers (each once, to all of them). */
  delivered = 0;
  private log: OutboxMessage[] = [];
  private acceptedAt: Micros[] = [];
  private next = 0;
  private pumpTimer = -1;
  private startedAt: Micros = 0;
  private readonly subscribers: ((msg: OutboxMessage) => void)[] = [];
  private readonly arrive = (p: Publish) => this.arrived(p);
  private readonly deliverNext = () => this.deliver();

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<MessageBrokerOptions> = {}) {
    const o = (this.options = { ...DEFAULT_MESSAGE_BROKER, ...options });
    if (!(o.latencyMs >= 0 && o.deliveryMs >= 0 && o.timeoutMs >= 2 * o.latencyMs && Number.isFinite(o.timeoutMs))) {
      throw new Error(`broker ${name}: latencyMs, deliveryMs >= 0 and a finite timeoutMs >= 2 × latencyMs, got ${JSON.stringify(o)}`);
    }
    this.loss = new MessageLoss(sim, name, sim.rng(`broker/${name}`));
    const trace = sim.trace.typed<OutboxEvents>();
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, restart: NO_PARAMS },
      restartDelay: restartOnRequest,
    }, {
      stopping: () => { this.sim.cancel(this.pumpTimer); this.pumpTimer = -1; },
      stopped: (cause) => trace.emit(name, 'broker-down', { cause, undelivered: this.undelivered }),
      running: () => { this.startedAt = this.sim.now; trace.emit(name, 'broker-up'); this.pump(); },
    });
  }

  /** Accepted messages not handed to the subscribers yet. */
  get undelivered(): number {
    return this.log.length - this.next;
  }

  /** Every message delivered from now on reaches `fn`, in log order. */
  subscribe(fn: (msg: OutboxMessage) => void): void {
    this.subscribers.push(fn);
  }

  /** Sends `msg`; exactly one of `onAck` and `onError` follows, never at once. */
  publish(msg: OutboxMessage, onAck: () => void, onError: (error: PublishError) => void): void {
    this.sim.schedule(ms(this.options.latencyMs), this.arrive, { msg, sentAt: this.sim.now, onAck, onError } satisfies Publish);
  }

  private arrived(p: Publish): void {
    const back = ms(this.options.latencyMs);
    if (!this.life.up) {
      this.refused++;
      this.sim.schedule(back, p.onError, 'refused');
      return;
    }
    this.published++;
    const verdict = this.loss.verdict();
    if (verdict === 'lose-unacked') {
      this.unanswered++;
      this.sim.at(p.sentAt + ms(this.options.timeoutMs), p.onError, 'timeout');
      return;
    }
    this.acked++;
    this.sim.schedule(back, p.onAck);
    if (verdict === 'lose') {
      this.dropped++;
      return;
    }
    this.log.push(p.msg);
    this.acceptedAt.push(this.sim.now);
    this.pump();
  }

  /** One timer at a time, for the oldest undelivered message: that keeps the log's order. */
  private pump(): void {
    if (this.pumpTimer >= 0 || this.next >= this.log.length || !this.life.up) return;
    const ready = Math.max(this.acceptedAt[this.next]!, this.startedAt) + ms(this.options.deliveryMs);
    this.pumpTimer = this.sim.at(Math.max(ready, this.sim.now), this.deliverNext);
  }

  private deliver(): void {
    this.pumpTimer = -1;
    const msg = this.log[this.next++]!;
    this.delivered++;
    for (const fn of this.subscribers) fn(msg);
    // Drop the delivered prefix now and then, so a long run keeps only what is still to deliver.
    if (this.next > 4096 && this.next * 2 > this.log.length) {
      this.log = this.log.slice(this.next);
      this.acceptedAt = this.acceptedAt.slice(this.next);
      this.next = 0;
    }
    this.pump();
  }
}
