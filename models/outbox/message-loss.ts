import { z } from 'zod';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';
import type { OutboxEvents } from './outbox-events.js';

const lossParams = (what: string) => z.strictObject({
  rate: z.number().min(0).max(1).describe(what).default(0.5),
  healAfterMs: delayMs('ms the loss lasts (default: until a heal fault)').optional(),
});

/**
 * Seed 001's question, "What if the message broker drops the packet?", as
 * two fault kinds on a broker, each lasting `healAfterMs` or until `heal`:
 * `lose` acknowledges a message and then drops it (a broker that acks before
 * the write is safe: Kafka with acks=1 whose leader fails before its
 * followers copied the record, [KAFKA-PC] `acks`); `lose-unacked`
 * drops it unanswered, so the publisher times out and knows.
 * The outbox recovers only the second: the relay marks a row sent on the
 * ack, so a message lost after its ack is lost with any publisher.
 */
export const LOSS_FAULTS = {
  lose: lossParams('fraction of publishes acknowledged and then dropped'),
  'lose-unacked': lossParams('fraction of publishes dropped without an answer (the publisher times out)'),
  heal: NO_PARAMS,
};

export type LossKind = 'lose' | 'lose-unacked';

/** What happens to one publish that reached a running broker. */
export type LossVerdict = 'keep' | LossKind;

/** The loss faults running on one broker, read on every publish. */
export class MessageLoss {
  private readonly rate: Record<LossKind, number> = { lose: 0, 'lose-unacked': 0 };
  private readonly dropped: Record<LossKind, number> = { lose: 0, 'lose-unacked': 0 };
  private readonly timers = new Map<LossKind, number>();

  constructor(private readonly sim: Simulation, private readonly name: string, private readonly rng: RandomStream) {
    for (const kind of ['lose', 'lose-unacked'] as const) {
      sim.faults.on(name, kind, (f) => this.start(kind, f.params!['rate'] as number, f.params!['healAfterMs'] as number | undefined), LOSS_FAULTS[kind]);
    }
    sim.faults.on(name, 'heal', () => { for (const kind of [...this.timers.keys()]) this.end(kind); }, NO_PARAMS);
  }

  /** Draws only while a loss runs, so a run without loss faults draws nothing from the stream. */
  verdict(): LossVerdict {
    for (const kind of ['lose', 'lose-unacked'] as const) {
      const rate = this.rate[kind];
      if (rate > 0 && this.rng.next() < rate) {
        this.dropped[kind]++;
        return kind;
      }
    }
    return 'keep';
  }

  /** A new loss of a kind replaces the running one of that kind. */
  private start(kind: LossKind, rate: number, lastsMs: number | undefined): void {
    const old = this.timers.get(kind);
    if (old !== undefined) this.end(kind);
    this.rate[kind] = rate;
    this.dropped[kind] = 0;
    this.timers.set(kind, lastsMs === undefined ? -1 : this.sim.schedule(ms(lastsMs), () => this.end(kind)));
    this.sim.trace.typed<OutboxEvents>().emit(this.name, 'lose-start', { kind, rate });
  }

  private end(kind: LossKind): void {
    const timer = this.timers.get(kind);
    if (timer === undefined) return;
    if (timer >= 0) this.sim.cancel(timer);
    this.timers.delete(kind);
    this.rate[kind] = 0;
    this.sim.trace.typed<OutboxEvents>().emit(this.name, 'lose-end', { kind, dropped: this.dropped[kind] });
  }
}
