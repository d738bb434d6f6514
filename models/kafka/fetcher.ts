import type { Event } from '../../src/kernel/event.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { KafkaBroker } from './broker.js';
import type { ResolvedConsumerOptions } from './consumer-options.js';
import type { KafkaRecord } from './partition-log.js';
import type { FetchResponse, Reply } from './protocol.js';
import { wait } from '../../src/kernel/wait.js';

/**
 * The consumer's positions and fetches for its current assignment.
 *
 * Position = offset of the next record to hand out [KAFKA-KC]. A partition
 * gets one after an assignment from the group's committed offset, or from
 * auto.offset.reset when there is none (latest skips the backlog: records
 * written before the group's first assignment are never read). poll()
 * advances a position past the records it returns, and nothing else does.
 *
 * One fetch is in flight at a time and outlives the poll() that sent it, as
 * in the Java client: the broker holds it up to fetch.max.wait.ms, and a
 * later poll() takes its answer. Only records that continue a partition's
 * position are kept (a stale answer gives nothing); records beyond
 * max.poll.records are dropped and fetched again rather than buffered.
 */
export interface FetcherContext {
  readonly sim: Simulation;
  readonly broker: KafkaBroker;
  readonly topic: string;
  readonly o: ResolvedConsumerOptions;
  call<T>(handler: () => Reply<T> | Event<Reply<T>>, timeout: Micros): Event<Reply<T>>;
  backoff(attempt: number): Micros;
  /** Whether answers for `generation` still apply (the member holds that assignment). */
  current(generation: number): boolean;
}

type Positions = (readonly [number, number])[];

interface InFlightFetch {
  readonly generation: number;
  readonly reply: Event<Reply<FetchResponse>>;
}

export class Fetcher {
  readonly positions = new Map<number, number>();
  private fetchInFlight: InFlightFetch | null = null;
  private positionsInFlight: Event<Reply<Positions>> | null = null;
  private failures = 0;
  private round = 0;

  constructor(private readonly c: FetcherContext) {}

  /** Forgets positions and requests in flight: a new assignment, a revocation, a shutdown. */
  reset(): void {
    this.positions.clear();
    this.fetchInFlight = null;
    this.positionsInFlight = null;
  }

  /**
   * One step of a poll for `assigned` (non-empty) in `generation`: looks up
   * missing positions, or waits (until `deadline`) for records. Returns the
   * records, or none after time has passed.
   */
  *step(assigned: readonly number[], generation: number, deadline: Micros): ProcessGenerator<KafkaRecord[]> {
    const { sim } = this.c;
    const missing = assigned.filter((p) => !this.positions.has(p));
    if (missing.length > 0) {
      const w = yield* wait(sim.within(this.requestPositions(missing, generation), deadline - sim.now));
      if (w.ok && !w.value!.ok) yield* this.pause(deadline);
      return [];
    }
    if (this.fetchInFlight && this.fetchInFlight.generation !== generation) this.fetchInFlight = null;
    const f = (this.fetchInFlight ??= { generation, reply: this.sendFetch(assigned) });
    const w = yield* wait(sim.within(f.reply, deadline - sim.now));
    if (!w.ok) return [];
    if (this.fetchInFlight === f) this.fetchInFlight = null;
    const reply = w.value!;
    if (!reply.ok) {
      yield* this.pause(deadline);
      return [];
    }
    this.failures = 0;
    return this.accept(reply.value, f.generation);
  }

  /** After a failed request: the retry back-off, cut at the poll's deadline. */
  private *pause(deadline: Micros): ProcessGenerator<void> {
    yield this.c.sim.sleep(Math.min(this.c.backoff(this.failures++), Math.max(0, deadline - this.c.sim.now)));
  }

  /** OffsetFetch for partitions without a position; the answer is applied whenever it arrives. */
  private requestPositions(missing: readonly number[], generation: number): Event<Reply<Positions>> {
    if (this.positionsInFlight) return this.positionsInFlight;
    const { broker, topic, o } = this.c;
    const ev = this.c.call(() => broker.handleOffsetFetch(o.groupId, topic, missing, o.autoOffsetReset), o.requestTimeout);
    this.positionsInFlight = ev;
    ev.addCallback((done) => {
      if (this.positionsInFlight === ev) this.positionsInFlight = null;
      const reply = done.value!;
      if (!reply.ok || !this.c.current(generation)) return;
      for (const [p, offset] of reply.value) if (missing.includes(p) && !this.positions.has(p)) this.positions.set(p, offset);
    });
    return ev;
  }

  private sendFetch(assigned: readonly number[]): Event<Reply<FetchResponse>> {
    const { broker, topic, o } = this.c;
    const parts = assigned.filter((p) => this.positions.has(p));
    // Start at a different partition each time so a busy partition cannot starve the others.
    const start = parts.length > 0 ? this.round++ % parts.length : 0;
    const order = [...parts.slice(start), ...parts.slice(0, start)];
    const req = { topic, positions: order.map((p) => [p, this.positions.get(p)!] as const), maxRecords: o.maxPollRecords, maxWaitUs: o.fetchMaxWait };
    return this.c.call(() => broker.handleFetch(req), o.requestTimeout);
  }

  /** Keeps the records that continue each partition's position, advancing it. */
  private accept(records: readonly KafkaRecord[], generation: number): KafkaRecord[] {
    if (!this.c.current(generation)) return [];
    const out: KafkaRecord[] = [];
    for (const r of records) {
      if (out.length >= this.c.o.maxPollRecords) break;
      if (this.positions.get(r.partition) !== r.offset) continue;
      out.push(r);
      this.positions.set(r.partition, r.offset + 1);
    }
    return out;
  }
}
