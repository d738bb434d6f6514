import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { KafkaBroker } from './broker.js';
import type { ResolvedConsumerOptions } from './consumer-options.js';
import type { KafkaRecord } from './partition-log.js';
import type { Requester } from '../net/network.js';
import { REQUEST_TIMED_OUT, type FetchRequest, type FetchResponse, type Reply } from './protocol.js';

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
  /** A Fetch to the broker whose reply (or REQUEST_TIMED_OUT) goes to `fetch` (network.ts `request`). */
  sendFetch(req: FetchRequest, timeout: Micros, fetch: InFlightFetch): void;
  backoff(attempt: number): Micros;
  /** Whether answers for `generation` still apply (the member holds that assignment). */
  current(generation: number): boolean;
}

export type Positions = (readonly [number, number])[];

/** What waits for a fetch's reply (a poll). */
export interface FetchWaiter {
  fetchReplied(fetch: InFlightFetch): void;
}

/**
 * A Fetch on its way or answered: its reply once it came (REQUEST_TIMED_OUT
 * if none came in time), and the poll waiting for it, if one is. A later
 * poll may take the reply of a fetch an earlier poll sent.
 */
export class InFlightFetch implements Requester<Reply<FetchResponse>> {
  reply: Reply<FetchResponse> | null = null;
  waiter: FetchWaiter | null = null;
  constructor(readonly generation: number) {}

  answered(reply: Reply<FetchResponse>): void {
    this.reply = reply;
    const w = this.waiter;
    this.waiter = null;
    if (w !== null) w.fetchReplied(this);
  }

  timedOut(): void {
    this.answered(FETCH_TIMED_OUT);
  }
}

const FETCH_TIMED_OUT: Reply<never> = { ok: false, error: REQUEST_TIMED_OUT };

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

  /** Assigned partitions without a position yet (they need an OffsetFetch first); null when there are none. */
  missing(assigned: readonly number[]): number[] | null {
    for (const p of assigned) if (!this.positions.has(p)) return assigned.filter((q) => !this.positions.has(q));
    return null;
  }

  /**
   * The fetch a poll waits for: the one in flight if it belongs to
   * `generation` (it outlives the poll that sent it), else a new one.
   */
  currentFetch(assigned: readonly number[], generation: number): InFlightFetch {
    if (this.fetchInFlight && this.fetchInFlight.generation !== generation) this.fetchInFlight = null;
    if (this.fetchInFlight === null) {
      this.fetchInFlight = new InFlightFetch(generation);
      this.sendFetch(assigned, this.fetchInFlight);
    }
    return this.fetchInFlight;
  }

  /** `f` answered: the next poll sends a new fetch. */
  answered(f: InFlightFetch): void {
    if (this.fetchInFlight === f) this.fetchInFlight = null;
  }

  /** A fetch succeeded: the retry back-off starts over. */
  succeeded(): void {
    this.failures = 0;
  }

  /** After a failed request: the retry back-off, cut at the poll's deadline (µs). */
  pauseAfterFailure(deadline: Micros): Micros {
    return Math.min(this.c.backoff(this.failures++), Math.max(0, deadline - this.c.sim.now));
  }

  /** OffsetFetch for partitions without a position; the answer is applied whenever it arrives. */
  requestPositions(missing: readonly number[], generation: number): Event<Reply<Positions>> {
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

  private sendFetch(assigned: readonly number[], fetch: InFlightFetch): void {
    const { topic, o } = this.c;
    const positions = this.positions;
    let count = 0;
    for (const p of assigned) if (positions.has(p)) count++;
    // Start at a different partition each time so a busy partition cannot starve the others.
    const start = count > 0 ? this.round++ % count : 0;
    const order = new Array<readonly [number, number]>(count);
    let i = 0;
    for (const p of assigned) if (positions.has(p)) order[(i++ - start + count) % count] = [p, positions.get(p)!];
    const req = { topic, positions: order, maxRecords: o.maxPollRecords, maxWaitUs: o.fetchMaxWait };
    this.c.sendFetch(req, o.requestTimeout, fetch);
  }

  /** Keeps the records that continue each partition's position, advancing it. */
  accept(records: readonly KafkaRecord[], generation: number): KafkaRecord[] {
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
