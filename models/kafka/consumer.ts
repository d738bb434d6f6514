import type { Event } from '../../src/kernel/event.js';
import { URGENT } from '../../src/kernel/priority.js';
import type { Process, ProcessGenerator } from '../../src/kernel/process.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, sec, type Micros } from '../../src/kernel/time.js';
import type { LATER, Later, Network } from '../net/network.js';
import { retryBackoffMs } from './backoff.js';
import type { KafkaBroker } from './broker.js';
import { resolveConsumerOptions, type ConsumerOptions, type ResolvedConsumerOptions } from './consumer-options.js';
import { Fetcher } from './fetcher.js';
import { PollRun, type PollHost } from './poll-run.js';
import { CommitRun, type CommitHost } from './commit-run.js';
import type { KafkaRecord } from './partition-log.js';
import { REBALANCE_IN_PROGRESS, isRetriable, type FetchRequest, type FetchResponse, type JoinResponse, type Reply } from './protocol.js';
import { ensureHost, request, requestThen } from './rpc.js';
import { wait } from '../../src/kernel/wait.js';
import type { ConsumerEvents } from './kafka-events.js';

export { DEFAULT_CONSUMER, type ConsumerOptions } from './consumer-options.js';

const NOTHING: readonly number[] = [];

function startCommit(run: CommitRun): void {
  run.start();
}

/**
 * A Kafka consumer in a group (Java client, classic protocol, eager range
 * assignment: the defaults [KAFKA-CC]).
 *
 * Membership runs on its own process, like the Java heartbeat thread: it joins,
 * then heartbeats every heartbeat.interval.ms. When a heartbeat answers
 * rebalance-in-progress (or says the member is unknown or stale), the member
 * must rejoin; as in the Java client the rejoin happens inside the next
 * poll(), so a worker busy between polls holds up the rebalance (up to the
 * rebalance timeout, max.poll.interval.ms). Heartbeats go on meanwhile and
 * keep the session alive. Before rejoining it commits its positions if
 * auto-commit is on, then gives up all its partitions (eager protocol).
 *
 * Positions: after an assignment each partition starts at the group's
 * committed offset, or per auto.offset.reset when there is none; poll()
 * advances a partition's position past the records it returns [KAFKA-KC].
 * Records returned but not committed when the member dies are delivered
 * again to the next owner (at-least-once) [KAFKA-KC].
 *
 * Auto-commit: inside poll(), once auto.commit.interval.ms has passed since
 * the last one, the consumer commits (asynchronously) the positions of the
 * records earlier polls returned [KAFKA-COORD]. If the application hands
 * records to other work and polls again before they are processed, the commit
 * runs ahead of processing and a crash loses them [KAFKA-KC]. Also before a
 * rebalance and on close().
 *
 * A member that does not call poll() for max.poll.interval.ms leaves the
 * group by itself; its next poll() rejoins [KAFKA-KC], [KAFKA-CCC]. Commits
 * from a member that is no longer in the current generation fail
 * (CommitFailedException).
 *
 * Not modelled: client-side fetch buffering beyond one in-flight fetch, bytes
 * limits (max.partition.fetch.bytes), static membership, cooperative
 * rebalancing, the KIP-848 protocol.
 *
 * A poll's steps are in poll-run.ts, an application commit's in
 * commit-run.ts: callbacks, not processes, on the hot path.
 */
type ConsumerState = 'created' | 'joining' | 'stable' | 'rejoin-needed' | 'closed' | 'dead';

/** Java: the join request may take the rebalance timeout plus 5 s (JOIN_GROUP_TIMEOUT_LAPSE). */
const JOIN_TIMEOUT_LAPSE: Micros = sec(5);
/** Java: close() waits up to 30 s by default for its commit. */
const CLOSE_TIMEOUT: Micros = sec(30);

export class KafkaConsumer {
  private state: ConsumerState = 'created';
  private generation = -1;
  private assigned: number[] = [];
  private readonly o: ResolvedConsumerOptions;
  private readonly fetcher: Fetcher;
  private readonly rng: RandomStream;
  private membership: Process<void> | null = null;
  /** Polls and commits in flight, in the order they started: they die with the consumer. */
  private readonly procs = new Set<{ kill(reason: string): void }>();
  private readonly pollHost: PollHost;
  private readonly commitHost: CommitHost;
  private activePolls = 0;
  private assignmentSignal: Event<void>;
  private pollSignal: Event<void>;
  private nextAutoCommitAt: Micros = 0;
  private lastPollAt: Micros = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly host: string,
    private readonly broker: KafkaBroker,
    readonly memberId: string,
    readonly topic: string,
    options: ConsumerOptions,
  ) {
    this.o = resolveConsumerOptions(options);
    this.rng = sim.rng(`kafka/consumer/${memberId}`);
    this.assignmentSignal = sim.event();
    this.pollSignal = sim.event();
    this.fetcher = new Fetcher({
      sim, broker, topic, o: this.o,
      call: (handler, timeout) => this.call(handler, timeout),
      sendFetch: (req, timeout, fetch) => net.request(host, broker.name, serveFetch, { broker, req }, timeout, fetch),
      backoff: (attempt) => this.backoff(attempt),
      current: (generation) => generation === this.generation && this.state === 'stable',
    });
    this.pollHost = {
      sim, fetcher: this.fetcher,
      pollStarted: () => this.pollStarted(),
      pollEnded: (run) => { this.activePolls--; this.procs.delete(run); },
      fetchable: () => (this.state === 'stable' ? this.assigned : NOTHING),
      generation: () => this.generation,
      assignmentSignal: () => this.assignmentSignal,
    };
    this.commitHost = {
      sim, requestTimeout: this.o.requestTimeout,
      sendCommit: (offsets, generation, timeout, waiter) => {
        const { groupId } = this.o;
        requestThen(net, host, broker.name, () => broker.handleCommit(groupId, memberId, generation, topic, offsets), timeout, waiter);
      },
      backoff: (attempt) => this.backoff(attempt),
      failed: (error, generation) => this.commitFailed(error, 'manual', generation),
      ended: (run) => { this.procs.delete(run); },
    };
    ensureHost(net, host);
  }

  /** Subscribes: joins the group and starts heartbeating. */
  start(): void {
    if (this.state !== 'created') return;
    this.state = 'joining';
    this.lastPollAt = this.sim.now;
    this.nextAutoCommitAt = this.sim.now + this.o.autoCommitInterval;
    this.membership = this.sim.process(this.membershipLoop(), `${this.memberId}/heartbeat`);
  }

  /**
   * Records from the assigned partitions, from each one's position, at most
   * maxPollRecords; waits up to `maxWaitMs` for some. Empty when the broker
   * cannot be reached, while (re)joining, or when nothing is assigned.
   */
  poll(maxWaitMs: number): Event<KafkaRecord[]> {
    const result = this.sim.event<KafkaRecord[]>();
    this.pollThen(maxWaitMs, (records) => { result.succeed(records); });
    return result;
  }

  /**
   * `poll` for a caller written as callbacks: the poll starts at once, and
   * `answer(records)` runs in the event that ends it (poll-run.ts).
   */
  pollThen(maxWaitMs: number, answer: (records: KafkaRecord[]) => void): void {
    const deadline = this.sim.now + ms(maxWaitMs);
    if (this.state === 'created' || this.state === 'closed' || this.state === 'dead') {
      this.sim.at(deadline, () => answer([]));
      return;
    }
    // A poll cut short by kill() or close() still answers (empty) at its deadline, so a caller's loop keeps its pace.
    const run = new PollRun(this.pollHost, deadline, answer);
    this.procs.add(run);
    run.start();
  }

  /** commitSync of `offsets` (partition -> next offset to read). False if the commit failed. */
  commit(offsets: ReadonlyMap<number, number>): Event<boolean> {
    const result = this.sim.event<boolean>();
    if (this.state !== 'stable') {
      this.commitFailed(this.state === 'joining' || this.state === 'rejoin-needed' ? REBALANCE_IN_PROGRESS : `consumer ${this.state}`, 'manual', this.generation);
      return result.succeed(false);
    }
    const run = new CommitRun(this.commitHost, [...offsets], this.generation, this.o.defaultApiTimeout, (ok) => { result.succeed(ok); });
    this.procs.add(run);
    // Where a commit process would start: at once, before ordinary events of this instant.
    this.sim.schedule(0, startCommit, run, URGENT);
    return result;
  }

  position(partition: number): number | undefined {
    return this.fetcher.positions.get(partition);
  }

  assignment(): number[] {
    return [...this.assigned];
  }

  get generationId(): number {
    return this.generation;
  }

  /** Clean shutdown: commits its positions if auto-commit is on, then leaves the group (one or two round trips). */
  close(): void {
    if (this.state === 'closed' || this.state === 'dead') return;
    const wasMember = this.state !== 'created';
    const commit = this.o.enableAutoCommit && this.state === 'stable' && this.fetcher.positions.size > 0;
    const generation = this.generation;
    const offsets = [...this.fetcher.positions];
    this.stop('closed');
    if (wasMember) this.sim.process(this.closeSequence(commit, generation, offsets), `${this.memberId}/close`);
  }

  /** A crash: heartbeats and polls stop, nothing is sent; the coordinator notices after session.timeout.ms. */
  kill(): void {
    if (this.state === 'closed' || this.state === 'dead') return;
    this.stop('dead');
  }

  // ---- membership (the heartbeat thread) ----

  private *membershipLoop(): ProcessGenerator<void> {
    for (;;) {
      yield* this.joinGroup();
      yield* this.heartbeatUntilRejoin();
      yield* this.awaitPoll();
      yield* this.prepareRejoin();
    }
  }

  private *joinGroup(): ProcessGenerator<void> {
    this.state = 'joining';
    const req = {
      groupId: this.o.groupId, memberId: this.memberId, topic: this.topic,
      sessionTimeoutUs: this.o.sessionTimeout, rebalanceTimeoutUs: this.o.maxPollInterval, strategy: this.o.assignmentStrategy,
    };
    for (let attempt = 0; ; attempt++) {
      const timeout = Math.max(this.o.requestTimeout, this.o.maxPollInterval + JOIN_TIMEOUT_LAPSE);
      const reply = yield* wait(this.call(() => this.broker.handleJoin(req), timeout));
      if (reply.ok) return this.assign(reply.value);
      yield this.sim.sleep(this.backoff(attempt));
    }
  }

  private assign(joined: JoinResponse): void {
    this.generation = joined.generation;
    this.assigned = [...joined.assignment];
    this.fetcher.reset();
    this.state = 'stable';
    const signal = this.assignmentSignal;
    this.assignmentSignal = this.sim.event();
    signal.succeed();
  }

  /** Heartbeats until the coordinator says to rejoin, or until poll() has not been called for max.poll.interval.ms. */
  private *heartbeatUntilRejoin(): ProcessGenerator<void> {
    for (let failures = 0; ;) {
      yield this.sim.sleep(failures > 0 ? this.backoff(failures - 1) : this.o.heartbeatInterval);
      if (this.activePolls === 0 && this.sim.now - this.lastPollAt > this.o.maxPollInterval) return this.leaveForPollTimeout();
      const reply = yield* wait(this.heartbeat());
      if (reply.ok) { failures = 0; continue; }
      if (isRetriable(reply.error)) { failures++; continue; }
      // Unknown member or stale generation: the old generation can no longer commit.
      if (reply.error !== REBALANCE_IN_PROGRESS) this.generation = -1;
      this.state = 'rejoin-needed';
      return;
    }
  }

  private leaveForPollTimeout(): void {
    this.sim.trace.typed<ConsumerEvents>().emit(this.memberId, 'poll-timeout', { group: this.o.groupId, maxPollIntervalMs: this.o.maxPollInterval / 1000 });
    const { groupId } = this.o;
    this.call(() => this.broker.handleLeave(groupId, this.memberId), this.o.requestTimeout);
    this.generation = -1;
    this.state = 'rejoin-needed';
  }

  /** The Java client rejoins inside poll(): wait for one, heartbeating so the session stays alive. */
  private *awaitPoll(): ProcessGenerator<void> {
    while (this.activePolls === 0) {
      if (this.pollSignal.triggered) this.pollSignal = this.sim.event();
      const woke = yield* wait(this.sim.anyOf([this.pollSignal, this.sim.timeout(this.o.heartbeatInterval)]));
      if (woke.index === 0) return;
      if (this.generation < 0) continue;
      const reply = yield* wait(this.heartbeat());
      if (!reply.ok && !isRetriable(reply.error) && reply.error !== REBALANCE_IN_PROGRESS) this.generation = -1;
    }
  }

  /** onJoinPrepare: commit the positions (auto-commit), then give up every partition. */
  private *prepareRejoin(): ProcessGenerator<void> {
    if (this.o.enableAutoCommit && this.generation >= 0 && this.fetcher.positions.size > 0) {
      yield* this.commitSync([...this.fetcher.positions], this.generation, 'auto', this.o.defaultApiTimeout);
    }
    this.assigned = [];
    this.fetcher.reset();
  }

  private heartbeat(): Event<Reply<null>> {
    const { groupId } = this.o;
    const generation = this.generation;
    return this.call(() => this.broker.handleHeartbeat(groupId, this.memberId, generation), this.o.requestTimeout);
  }

  // ---- poll ----

  private pollStarted(): void {
    this.activePolls++;
    this.lastPollAt = this.sim.now;
    if (!this.pollSignal.triggered) this.pollSignal.succeed();
    this.maybeAutoCommit();
  }

  // ---- commits ----

  /** Java's maybeAutoCommitOffsetsAsync: fire and forget; a failure is only traced. */
  private maybeAutoCommit(): void {
    if (!this.o.enableAutoCommit || this.state !== 'stable' || this.sim.now < this.nextAutoCommitAt) return;
    this.nextAutoCommitAt = this.sim.now + this.o.autoCommitInterval;
    if (this.fetcher.positions.size === 0) return;
    const generation = this.generation;
    this.sendCommit([...this.fetcher.positions], generation).addCallback((ev) => {
      const reply = ev.value!;
      if (!reply.ok) this.commitFailed(reply.error, 'auto', generation);
    });
  }

  /** Retries while the broker is unreachable, until `timeout`; a group error fails at once. */
  private *commitSync(offsets: readonly (readonly [number, number])[], generation: number, mode: 'auto' | 'manual', timeout: Micros): ProcessGenerator<boolean> {
    const deadline = this.sim.now + timeout;
    for (let attempt = 0; ; attempt++) {
      const reply = yield* wait(this.sendCommit(offsets, generation, Math.min(this.o.requestTimeout, deadline - this.sim.now)));
      if (reply.ok) return true;
      const pause = this.backoff(attempt);
      if (!isRetriable(reply.error) || this.sim.now + pause >= deadline) {
        this.commitFailed(reply.error, mode, generation);
        return false;
      }
      yield this.sim.sleep(pause);
    }
  }

  private sendCommit(offsets: readonly (readonly [number, number])[], generation: number, timeout = this.o.requestTimeout): Event<Reply<null>> {
    const { groupId } = this.o;
    return this.call(() => this.broker.handleCommit(groupId, this.memberId, generation, this.topic, offsets), timeout);
  }

  private commitFailed(error: string, mode: 'auto' | 'manual', generation: number): void {
    this.sim.trace.typed<ConsumerEvents>().emit(this.memberId, 'commit-failed', { group: this.o.groupId, generation, error, auto: mode === 'auto' });
  }

  // ---- shutdown ----

  private *closeSequence(commit: boolean, generation: number, offsets: readonly (readonly [number, number])[]): ProcessGenerator<void> {
    if (commit) yield* this.commitSync(offsets, generation, 'auto', CLOSE_TIMEOUT);
    const { groupId } = this.o;
    yield this.call(() => this.broker.handleLeave(groupId, this.memberId), this.o.requestTimeout);
  }

  private stop(state: 'closed' | 'dead'): void {
    this.state = state;
    this.sim.trace.typed<ConsumerEvents>().emit(this.memberId, state === 'dead' ? 'killed' : 'closed', { group: this.o.groupId, generation: this.generation });
    this.membership?.kill(state);
    this.membership = null;
    for (const p of [...this.procs]) p.kill(state);
    this.procs.clear();
    this.fetcher.reset();
  }

  // ---- helpers ----

  private call<T>(handler: () => Reply<T> | Event<Reply<T>>, timeout: Micros): Event<Reply<T>> {
    return request(this.sim, this.net, this.host, this.broker.name, handler, timeout);
  }

  private backoff(attempt: number): Micros {
    return ms(retryBackoffMs(this.rng, attempt, this.o.retryBackoffMs, this.o.retryBackoffMaxMs));
  }
}

/** A Fetch's handler at the broker (one function for every fetch: the request carries broker and body). */
function serveFetch(f: { broker: KafkaBroker; req: FetchRequest }, later: Later<Reply<FetchResponse>>): Reply<FetchResponse> | typeof LATER {
  return f.broker.handleFetch(f.req, later);
}
