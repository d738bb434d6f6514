import type { Simulation } from '../../src/kernel/simulation.js';
import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import type { MessageBroker } from './broker.js';
import type { OutboxDatabase } from './database.js';
import type { IdempotentConsumer } from './idempotent-consumer.js';

interface Entry {
  readonly committedAt: Micros;
  firstDeliveryAt: Micros;
  deliveries: number;
  applications: number;
}

/** What happened to the events of a run, end to end (see DeliveryLedger). */
export interface OutboxSummary {
  /** Data rows committed: each owes its consumer one event. */
  readonly created: number;
  /** The broker's counts: publishes that reached it running, acks sent, acked messages lost, messages handed to subscribers. */
  readonly published: number;
  readonly acked: number;
  readonly dropped: number;
  readonly delivered: number;
  /** Created events the consumer has not received (yet, or ever at the end of a run). */
  readonly lost: number;
  /** Copies the broker handed over of events it had handed over before. */
  readonly duplicates: number;
  /** Effects applied again for an event already applied. */
  readonly doubleApplied: number;
  /** The longest commit-to-first-delivery time, in ms. */
  readonly maxDelayMs: number;
  /** The most committed outbox rows waiting to be marked sent at once. */
  readonly backlogPeak: number;
}

/**
 * Measures the pattern's promise per event: committed once, delivered at
 * least once, applied exactly once. Hooks only (the database's commits,
 * the consumer's deliveries and applications), so the run is the same run
 * with or without it.
 */
export class DeliveryLedger {
  created = 0;
  duplicates = 0;
  doubleApplied = 0;
  maxDelay: Micros = 0;
  private deliveredIds = 0;
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly sim: Simulation, private readonly db: OutboxDatabase, private readonly broker: MessageBroker, consumer: IdempotentConsumer) {
    db.committed.add((msg) => {
      this.created++;
      this.entries.set(msg.id, { committedAt: this.sim.now, firstDeliveryAt: -1, deliveries: 0, applications: 0 });
    });
    consumer.delivered.add((msg) => this.delivered(msg.id));
    consumer.applied.add((msg, again) => {
      const e = this.entries.get(msg.id);
      if (e !== undefined) e.applications++;
      if (again) this.doubleApplied++;
    });
  }

  /** Created events not delivered, by id, oldest first. */
  lostIds(): number[] {
    const ids: number[] = [];
    for (const [id, e] of this.entries) if (e.deliveries === 0) ids.push(id);
    return ids;
  }

  /** Created events whose effect was applied other than exactly once: (id, applications). */
  notExactlyOnce(): [number, number][] {
    const out: [number, number][] = [];
    for (const [id, e] of this.entries) if (e.applications !== 1) out.push([id, e.applications]);
    return out;
  }

  summary(): OutboxSummary {
    const b = this.broker;
    return {
      created: this.created, published: b.published, acked: b.acked, dropped: b.dropped, delivered: b.delivered,
      lost: this.created - this.deliveredIds, duplicates: this.duplicates, doubleApplied: this.doubleApplied,
      maxDelayMs: this.maxDelay / US_PER_MS, backlogPeak: this.db.peakBacklog,
    };
  }

  private delivered(id: number): void {
    const e = this.entries.get(id);
    if (e === undefined) return;
    if (e.deliveries++ > 0) { this.duplicates++; return; }
    this.deliveredIds++;
    e.firstDeliveryAt = this.sim.now;
    const delay = this.sim.now - e.committedAt;
    if (delay > this.maxDelay) this.maxDelay = delay;
  }
}
