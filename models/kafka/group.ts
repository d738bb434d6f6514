import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import { assign } from './assignor.js';
import type { GroupEvents } from './kafka-events.js';
import {
  DISCONNECTED, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER,
  type AssignmentStrategy, type JoinRequest, type JoinResponse, type Reply,
} from './protocol.js';

/**
 * One consumer group at the broker's group coordinator, classic protocol
 * (the Java default group.protocol [KAFKA-CC]).
 *
 * States: empty (no members), preparing-rebalance (waiting for members to
 * (re)join), stable (a generation with an assignment). A join, a leave or a
 * member whose session expired starts a rebalance. The rebalance completes
 * when every known member has rejoined, or after the largest rebalance
 * timeout (max.poll.interval.ms, 5 min [KAFKA-GRC]) without the stragglers,
 * which are removed. A rebalance of an empty group first waits
 * group.initial.rebalance.delay.ms (3 s [KAFKA-GCC]), so a fleet starting
 * together does not rebalance once per member; for a new group (generation 0)
 * each window in which another member joined adds one more delay (Kafka's
 * InitialDelayedJoin), so two consumers starting together get their first
 * assignment after 6 s, not 3 s.
 *
 * Simplification: JoinGroup and SyncGroup are folded into one exchange. In
 * Kafka the group leader computes the assignment client-side and SyncGroup
 * hands it out; here the coordinator runs the same deterministic assignor
 * (members sorted by id) when the join completes and the join answer carries
 * the assignment. There is no completing-rebalance state as a result.
 *
 * Sessions: every heartbeat pushes a member's expiry session.timeout.ms
 * ahead; a member that stops heartbeating is removed when it runs out
 * (45 s by default [KAFKA-CC]). Heartbeats keep the session alive during a
 * rebalance too (they answer rebalance-in-progress), as in Kafka. A member
 * waiting for its join answer is not expired by its session.
 *
 * Durability: Kafka stores group metadata in __consumer_offsets and reloads
 * it when the coordinator starts, re-arming every member's session. `crash`
 * reverts to the last completed generation (an interrupted rebalance is lost,
 * its parked joins are disconnected) and `restart` gives every member a fresh
 * session.
 */
export type GroupState = 'empty' | 'preparing-rebalance' | 'stable';

interface Member {
  readonly id: string;
  topic: string;
  sessionTimeoutUs: Micros;
  rebalanceTimeoutUs: Micros;
  strategy: AssignmentStrategy;
  assignment: readonly number[];
  pendingJoin: Event<Reply<JoinResponse>> | null;
  sessionTimer: number;
}

type MemberSnapshot = Omit<Member, 'pendingJoin' | 'sessionTimer'>;

export interface GroupOptions {
  readonly initialRebalanceDelayUs: Micros;
}

export class ConsumerGroup {
  state: GroupState = 'empty';
  generation = 0;
  private readonly members = new Map<string, Member>();
  private rebalanceTimer = -1;
  /** True while a new group waits out group.initial.rebalance.delay.ms. */
  private initialDelay = false;
  private initialDelayEnds: Micros = 0;
  private newMemberAdded = false;
  private stable: { generation: number; members: MemberSnapshot[] } = { generation: 0, members: [] };

  constructor(
    private readonly sim: Simulation,
    readonly groupId: string,
    /** The trace source: the broker's name. */
    private readonly source: string,
    private readonly partitionsOf: (topic: string) => number,
    private readonly options: GroupOptions,
  ) {}

  memberIds(): string[] {
    return [...this.members.keys()].sort();
  }

  join(req: JoinRequest): Reply<JoinResponse> | Event<Reply<JoinResponse>> {
    let m = this.members.get(req.memberId);
    // A known member rejoining a stable group (its earlier answer was lost) gets the current generation back.
    if (m && this.state === 'stable' && m.pendingJoin === null && m.topic === req.topic) {
      this.touch(m);
      return { ok: true, value: { generation: this.generation, assignment: m.assignment } };
    }
    const isNew = m === undefined;
    if (m === undefined) {
      m = { id: req.memberId, topic: req.topic, sessionTimeoutUs: req.sessionTimeoutUs, rebalanceTimeoutUs: req.rebalanceTimeoutUs, strategy: req.strategy, assignment: [], pendingJoin: null, sessionTimer: -1 };
      this.members.set(m.id, m);
    } else {
      Object.assign(m, { topic: req.topic, sessionTimeoutUs: req.sessionTimeoutUs, rebalanceTimeoutUs: req.rebalanceTimeoutUs, strategy: req.strategy });
    }
    // A second join from the same member replaces the first (Kafka answers the old one with an error).
    m.pendingJoin?.succeed({ ok: false, error: REBALANCE_IN_PROGRESS });
    const answer = this.sim.event<Reply<JoinResponse>>();
    m.pendingJoin = answer;
    this.sim.cancel(m.sessionTimer);
    if (this.state !== 'preparing-rebalance') this.prepareRebalance(isNew ? `${m.id} joined` : `${m.id} rejoined`);
    // Kafka extends the initial delay only for a brand-new group (generation 0).
    else if (isNew && this.generation === 0) this.newMemberAdded = true;
    this.tryComplete();
    return answer;
  }

  heartbeat(memberId: string, generation: number): Reply<null> {
    const m = this.members.get(memberId);
    if (!m) return { ok: false, error: UNKNOWN_MEMBER };
    if (m.pendingJoin !== null) return { ok: false, error: REBALANCE_IN_PROGRESS };
    this.touch(m);
    if (this.state === 'preparing-rebalance') return { ok: false, error: REBALANCE_IN_PROGRESS };
    if (generation !== this.generation) return { ok: false, error: ILLEGAL_GENERATION };
    return { ok: true, value: null };
  }

  leave(memberId: string): Reply<null> {
    const m = this.members.get(memberId);
    if (!m) return { ok: false, error: UNKNOWN_MEMBER };
    this.remove(m, 'member-left');
    return { ok: true, value: null };
  }

  /**
   * Whether an offset commit from this member is accepted: it must be a member
   * of the current generation (Kafka accepts commits during preparing-rebalance,
   * which is how a member commits before it rejoins). Otherwise the client gets
   * CommitFailedException.
   */
  commitError(memberId: string, generation: number): string | null {
    const m = this.members.get(memberId);
    if (!m) return UNKNOWN_MEMBER;
    if (generation !== this.generation) return ILLEGAL_GENERATION;
    return null;
  }

  /** The broker process died: parked joins see their connection reset; state falls back to the last generation. */
  crash(): void {
    this.sim.cancel(this.rebalanceTimer);
    for (const m of this.members.values()) {
      this.sim.cancel(m.sessionTimer);
      m.pendingJoin?.succeed({ ok: false, error: DISCONNECTED });
    }
    this.members.clear();
    this.generation = this.stable.generation;
    for (const s of this.stable.members) this.members.set(s.id, { ...s, pendingJoin: null, sessionTimer: -1 });
    this.state = this.members.size > 0 ? 'stable' : 'empty';
    this.initialDelay = false;
  }

  /** The coordinator loaded the group again: every member gets a full session from now. */
  restart(): void {
    for (const m of this.members.values()) this.touch(m);
  }

  private touch(m: Member): void {
    this.sim.cancel(m.sessionTimer);
    m.sessionTimer = this.sim.schedule(m.sessionTimeoutUs, () => this.expire(m));
  }

  private expire(m: Member): void {
    if (this.members.get(m.id) !== m || m.pendingJoin !== null) return;
    this.remove(m, 'member-expired');
  }

  private remove(m: Member, kind: 'member-left' | 'member-expired'): void {
    this.sim.cancel(m.sessionTimer);
    m.pendingJoin?.succeed({ ok: false, error: UNKNOWN_MEMBER });
    this.members.delete(m.id);
    this.sim.trace.typed<GroupEvents>().emit(this.source, kind, { group: this.groupId, member: m.id, generation: this.generation });
    if (this.state !== 'preparing-rebalance') this.prepareRebalance(`${m.id} ${kind === 'member-left' ? 'left' : 'expired'}`);
    this.tryComplete();
  }

  private prepareRebalance(reason: string): void {
    const wasEmpty = this.state === 'empty';
    this.state = 'preparing-rebalance';
    this.sim.trace.typed<GroupEvents>().emit(this.source, 'rebalance-started', { group: this.groupId, generation: this.generation, reason });
    this.sim.cancel(this.rebalanceTimer);
    const timeout = this.rebalanceTimeout();
    if (wasEmpty && this.options.initialRebalanceDelayUs > 0) {
      this.initialDelay = true;
      this.newMemberAdded = false;
      this.initialDelayEnds = this.sim.now + timeout;
      this.rebalanceTimer = this.sim.schedule(Math.min(this.options.initialRebalanceDelayUs, timeout), () => this.initialDelayExpired());
    } else {
      this.rebalanceTimer = this.sim.schedule(timeout, () => this.complete());
    }
  }

  /** Kafka's InitialDelayedJoin: wait another delay while new members keep joining, up to the rebalance timeout. */
  private initialDelayExpired(): void {
    const remaining = this.initialDelayEnds - this.sim.now;
    if (this.newMemberAdded && remaining > 0) {
      this.newMemberAdded = false;
      this.rebalanceTimer = this.sim.schedule(Math.min(this.options.initialRebalanceDelayUs, remaining), () => this.initialDelayExpired());
      return;
    }
    this.initialDelay = false;
    this.complete();
  }

  private tryComplete(): void {
    if (this.state !== 'preparing-rebalance' || this.initialDelay) return;
    for (const m of this.members.values()) if (m.pendingJoin === null) return;
    this.complete();
  }

  /** Ends the rebalance: drops members that did not rejoin, bumps the generation, assigns, answers the joins. */
  private complete(): void {
    this.sim.cancel(this.rebalanceTimer);
    for (const m of [...this.members.values()]) {
      if (m.pendingJoin !== null) continue;
      this.sim.cancel(m.sessionTimer);
      this.members.delete(m.id);
      this.sim.trace.typed<GroupEvents>().emit(this.source, 'member-removed', { group: this.groupId, member: m.id, reason: 'did not rejoin within the rebalance timeout' });
    }
    this.generation++;
    const ids = this.memberIds();
    this.state = ids.length > 0 ? 'stable' : 'empty';
    for (const [topic, memberIds] of this.byTopic()) {
      const strategy = this.members.get(memberIds[0]!)!.strategy;
      for (const [id, parts] of assign(strategy, memberIds, this.partitionsOf(topic))) this.members.get(id)!.assignment = parts;
    }
    this.sim.trace.typed<GroupEvents>().emit(this.source, 'rebalance', {
      group: this.groupId,
      generation: this.generation,
      assignment: ids.map((id) => `${id}:${this.members.get(id)!.assignment.join(',')}`),
    });
    for (const id of ids) {
      const m = this.members.get(id)!;
      const answer = m.pendingJoin!;
      m.pendingJoin = null;
      this.touch(m);
      answer.succeed({ ok: true, value: { generation: this.generation, assignment: m.assignment } });
    }
    this.stable = {
      generation: this.generation,
      members: ids.map((id) => {
        const { pendingJoin: _p, sessionTimer: _t, ...rest } = this.members.get(id)!;
        return rest;
      }),
    };
  }

  private rebalanceTimeout(): Micros {
    let t = 0;
    for (const m of this.members.values()) t = Math.max(t, m.rebalanceTimeoutUs);
    return t;
  }

  /** Member ids (sorted) per subscribed topic. */
  private byTopic(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const id of this.memberIds()) {
      const topic = this.members.get(id)!.topic;
      let list = out.get(topic);
      if (!list) out.set(topic, (list = []));
      list.push(id);
    }
    return out;
  }
}
