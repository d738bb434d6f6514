import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { PROCESS_FAULTS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import { LATER, type Later, type Network } from '../net/network.js';
import { ConsumerGroup } from './group.js';
import { PartitionLog, type KafkaRecord } from './partition-log.js';
import { ProducerStateTable } from './producer-state.js';
import type { BrokerEvents } from './kafka-events.js';
import {
  CONNECTION_REFUSED, DISCONNECTED,
  type FetchRequest, type FetchResponse, type JoinRequest, type JoinResponse, type ProduceRequest, type ProduceResponse, type Reply,
} from './protocol.js';

export type { KafkaRecord } from './partition-log.js';

/**
 * One Kafka broker with replication factor 1: what a single-broker dev setup
 * runs (default.replication.factor is 1 [KAFKA-RC]; such setups also set
 * offsets.topic.replication.factor to 1, its default of 3 [KAFKA-GCC] needs
 * three brokers). Consequences:
 * - acks=all waits for the in-sync replicas, which here are the leader alone,
 *   so acks=all behaves exactly like acks=1 [KAFKA-DESIGN]. There is no
 *   second copy: what the broker has is all there is.
 * - The high watermark is the log end, so consumers see a record as soon as
 *   it is appended.
 * - While the broker is down every partition is unavailable; nothing fails
 *   over.
 *
 * Durability: the log and the __consumer_offsets data (committed offsets,
 * group metadata, idempotent-producer state) are on disk and survive a broker
 * crash and restart. Caveat: Kafka does not fsync each write; it relies on
 * replication for durability [KAFKA-DESIGN]. A killed broker process keeps
 * what it wrote (the OS page cache still holds it), but a power loss or
 * kernel crash of the machine could lose the unflushed tail. We model process
 * crashes only, so the log is kept whole on restart.
 *
 * The machine stays on the network: while the process is down, a request
 * reaches the host and is refused (a TCP reset), so clients learn it after
 * one round trip rather than after a timeout. Requests parked at the broker
 * (long-poll fetches, joins waiting for a rebalance) see their connection
 * reset when it crashes.
 *
 * Topics are auto-created with `options.partitions` partitions on first use
 * (auto.create.topics.enable; the broker's num.partitions).
 *
 * Faults (target = name): crash {restartAfterMs?}, restart.
 */
export interface KafkaBrokerOptions {
  /** Partitions of an auto-created topic. */
  readonly partitions: number;
  /** group.initial.rebalance.delay.ms, default 3000 [KAFKA-GCC]. */
  readonly initialRebalanceDelayMs?: number;
}

/** A parked fetch: its request, where its answer goes, and the fetch.max.wait timer. */
interface FetchWaiter {
  readonly broker: KafkaBroker;
  readonly req: FetchRequest;
  readonly later: Later<Reply<FetchResponse>>;
  timer: number;
}

const NO_RECORDS: Reply<FetchResponse> = { ok: true, value: [] };

/** fetch.max.wait passed with nothing to return: an empty answer. */
function fetchWaitOver(w: FetchWaiter): void {
  w.broker._answerFetch(w, NO_RECORDS);
}

const REFUSED: Reply<never> = { ok: false, error: CONNECTION_REFUSED };

export class KafkaBroker {
  private readonly topics = new Map<string, PartitionLog[]>();
  /** Committed offsets by group, topic and partition: durable (__consumer_offsets). */
  private readonly offsets = new Map<string, Map<string, number[]>>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly producerState = new ProducerStateTable();
  private readonly fetchWaiters = new Set<FetchWaiter>();
  private nextProducerId = 1;
  private readonly life: Lifecycle<CrashParams>;

  constructor(private readonly sim: Simulation, net: Network, readonly name: string, private readonly options: KafkaBrokerOptions) {
    if (!(Number.isInteger(options.partitions) && options.partitions > 0)) throw new Error(`${name}: partitions must be a positive integer`);
    net.addHost(name);
    this.life = new Lifecycle<CrashParams>(sim, name, { faults: PROCESS_FAULTS, restartDelay: restartOnRequest }, {
      // A bounce loses the in-memory state as a crash does (see restart).
      stopped: (_cause, _restart, crash) => this.crashed(crash?.restartAfterMs),
      running: () => {
        for (const g of this.groups.values()) g.restart();
        this.sim.trace.typed<BrokerEvents>().emit(this.name, 'restart');
      },
    });
  }

  /** Whether the broker process is running. */
  get up(): boolean {
    return this.life.up;
  }

  createTopic(topic: string, partitions: number): void {
    if (this.topics.has(topic)) throw new Error(`${this.name}: topic ${topic} already exists`);
    if (!(Number.isInteger(partitions) && partitions > 0)) throw new Error(`${this.name}: topic ${topic}: invalid partition count ${partitions}`);
    this.topics.set(topic, Array.from({ length: partitions }, (_, p) => new PartitionLog(topic, p)));
  }

  /** The topic's partition count; for a topic that does not exist yet, the count auto-creation will give it. */
  partitionsOf(topic: string): number {
    return this.topics.get(topic)?.length ?? this.options.partitions;
  }

  logEndOffset(topic: string, partition: number): number {
    return this.topics.get(topic)?.[partition]?.endOffset ?? 0;
  }

  records(topic: string, partition: number): readonly KafkaRecord[] {
    return this.topics.get(topic)?.[partition]?.records ?? [];
  }

  committed(groupId: string, topic: string, partition: number): number | null {
    return this.offsets.get(groupId)?.get(topic)?.[partition] ?? null;
  }

  /**
   * Sum over the topic's partitions of log-end offset minus committed offset,
   * the LAG column of kafka-consumer-groups.sh [KAFKA-OPS]. A partition the
   * group never committed counts from offset 0 (its whole log); the tool shows
   * "-" there, and a consumer with auto.offset.reset=latest would in fact skip
   * that backlog rather than read it.
   */
  lag(groupId: string, topic: string): number {
    let sum = 0;
    const parts = this.topics.get(topic)?.length ?? 0;
    for (let p = 0; p < parts; p++) sum += this.logEndOffset(topic, p) - (this.committed(groupId, topic, p) ?? 0);
    return sum;
  }

  /** The group's members (for tests and observers). */
  groupMembers(groupId: string): string[] {
    return this.groups.get(groupId)?.memberIds() ?? [];
  }

  groupGeneration(groupId: string): number {
    return this.groups.get(groupId)?.generation ?? 0;
  }

  /** The broker process dies; with `restartAfterMs` it comes back that much later. */
  crash(restartAfterMs?: number): void {
    this.life.stop('crash', { restartAfterMs });
  }

  /**
   * Starts the broker process. A running broker is bounced (its in-memory
   * state goes as in a crash; with one broker, a controlled shutdown has no
   * one to hand leadership to). Log recovery time on start-up is not modelled.
   */
  restart(): void {
    this.life.restart();
  }

  /** InitProducerId, without its round trip: a fresh id per producer instance. */
  allocateProducerId(): number {
    return this.nextProducerId++;
  }

  // ---- request handlers: run at the broker when a request arrives ----

  handleProduce(req: ProduceRequest): Reply<ProduceResponse> {
    if (!this.up) return REFUSED;
    const log = this.partition(req.topic, req.partition);
    if (req.producerId !== null) {
      const first = this.producerState.duplicateOf(req.producerId, req.topic, req.partition, req.baseSequence);
      if (first !== null) return { ok: true, value: { baseOffset: first, duplicate: true } };
    }
    const baseOffset = log.append(req.records);
    if (req.producerId !== null) this.producerState.remember(req.producerId, req.topic, req.partition, req.baseSequence, baseOffset);
    this.wakeFetchers(req.topic);
    return { ok: true, value: { baseOffset, duplicate: false } };
  }

  /**
   * Long poll: answers at once if there are records, else parks the request
   * (LATER) and answers through `later` when some arrive or `maxWaitUs` passes.
   */
  handleFetch(req: FetchRequest, later: Later<Reply<FetchResponse>>): Reply<FetchResponse> | typeof LATER {
    if (!this.up) return REFUSED;
    const records = this.collect(req);
    if (records.length > 0 || req.maxWaitUs <= 0) return { ok: true, value: records };
    const w: FetchWaiter = { broker: this, req, later, timer: -1 };
    w.timer = this.sim.schedule(req.maxWaitUs, fetchWaitOver, w);
    this.fetchWaiters.add(w);
    return LATER;
  }

  /**
   * OffsetFetch, then ListOffsets for partitions without a committed offset
   * (auto.offset.reset: earliest = the log start, 0 here; latest = the log end),
   * folded into one exchange. Answers [partition, position] pairs.
   */
  handleOffsetFetch(groupId: string, topic: string, partitions: readonly number[], reset: 'earliest' | 'latest'): Reply<(readonly [number, number])[]> {
    if (!this.up) return REFUSED;
    this.ensureTopic(topic);
    return { ok: true, value: partitions.map((p) => [p, this.committed(groupId, topic, p) ?? (reset === 'earliest' ? 0 : this.logEndOffset(topic, p))] as const) };
  }

  handleJoin(req: JoinRequest): Reply<JoinResponse> | Event<Reply<JoinResponse>> {
    if (!this.up) return REFUSED;
    this.ensureTopic(req.topic);
    return this.group(req.groupId).join(req);
  }

  handleHeartbeat(groupId: string, memberId: string, generation: number): Reply<null> {
    if (!this.up) return REFUSED;
    return this.group(groupId).heartbeat(memberId, generation);
  }

  handleLeave(groupId: string, memberId: string): Reply<null> {
    if (!this.up) return REFUSED;
    return this.group(groupId).leave(memberId);
  }

  /** OffsetCommit: stored only for a member of the current generation. */
  handleCommit(groupId: string, memberId: string, generation: number, topic: string, offsets: readonly (readonly [number, number])[]): Reply<null> {
    if (!this.up) return REFUSED;
    const error = this.group(groupId).commitError(memberId, generation);
    if (error !== null) return { ok: false, error };
    let byTopic = this.offsets.get(groupId);
    if (!byTopic) this.offsets.set(groupId, (byTopic = new Map()));
    let parts = byTopic.get(topic);
    if (!parts) byTopic.set(topic, (parts = []));
    for (const [p, offset] of offsets) parts[p] = offset;
    return { ok: true, value: null };
  }

  // ---- internals ----

  /** The process is gone: parked requests see their connections reset, groups lose their members. */
  private crashed(restartAfterMs: number | undefined): void {
    this.sim.trace.typed<BrokerEvents>().emit(this.name, 'crash', { restartAfterMs: restartAfterMs ?? null });
    for (const w of [...this.fetchWaiters]) this._answerFetch(w, { ok: false, error: DISCONNECTED });
    for (const g of this.groups.values()) g.crash();
  }

  private ensureTopic(topic: string): PartitionLog[] {
    if (!this.topics.has(topic)) this.createTopic(topic, this.options.partitions);
    return this.topics.get(topic)!;
  }

  private partition(topic: string, partition: number): PartitionLog {
    const log = this.ensureTopic(topic)[partition];
    if (!log) throw new Error(`${this.name}: ${topic} has no partition ${partition}`);
    return log;
  }

  private group(groupId: string): ConsumerGroup {
    let g = this.groups.get(groupId);
    if (!g) {
      g = new ConsumerGroup(this.sim, groupId, this.name, (t) => this.ensureTopic(t).length, {
        initialRebalanceDelayUs: ms(this.options.initialRebalanceDelayMs ?? 3000),
      });
      this.groups.set(groupId, g);
    }
    return g;
  }

  /** Up to maxRecords records, partition by partition in the order the request lists them. */
  private collect(req: FetchRequest): KafkaRecord[] {
    const logs = this.ensureTopic(req.topic);
    const out: KafkaRecord[] = [];
    for (const [p, offset] of req.positions) {
      if (out.length >= req.maxRecords) break;
      const log = logs[p];
      if (log) log.readInto(offset, req.maxRecords - out.length, out);
    }
    return out;
  }

  private wakeFetchers(topic: string): void {
    // Answering deletes from the set; a Set's iteration visits every later entry all the same.
    for (const w of this.fetchWaiters) {
      if (w.req.topic !== topic) continue;
      const records = this.collect(w.req);
      if (records.length > 0) this._answerFetch(w, { ok: true, value: records });
    }
  }

  /** @internal A parked fetch is answered (records, time up, or the broker died). */
  _answerFetch(w: FetchWaiter, reply: Reply<FetchResponse>): void {
    if (!this.fetchWaiters.delete(w)) return;
    this.sim.cancel(w.timer);
    w.later.answer(reply);
  }
}
