import type { Event } from '../../src/kernel/event.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, sec, type Micros } from '../../src/kernel/time.js';
import type { Dcs } from '../etcd/dcs.js';
import type { Pod } from '../k8s/pod.js';
import type { CallOutcome, Network } from '../net/network.js';
import type { PostgresNode } from '../postgres/postgres-node.js';
import { FailsafeState } from './failsafe.js';
import { FAILSAFE_KEY, LEADER_KEY, MEMBERS_PREFIX, OPTIME_KEY, SYNC_KEY, parseSync, type SyncState } from './keys.js';
import type { MemberStatus } from './member-status.js';
import type { PatroniTimeouts } from './timeouts.js';
import { wait } from '../../src/kernel/wait.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { PatroniEvents } from './patroni-events.js';

/**
 * One Patroni agent beside one Postgres server. Every `loop_wait` (or at once
 * when a watch sees the leader key change) it runs an HA cycle against the
 * DCS:
 * - the leader renews its lease and the leader key (compare-and-set on its
 *   own name), records its WAL position, and keeps a synchronous standby;
 *   if the DCS cannot be reached within `retry_timeout`, or the key is not
 *   its own, it demotes itself;
 * - a replica follows the key holder; with no key it joins the leader race:
 *   it stands aside if it lags more than `maximum_lag_on_failover`, if (in
 *   synchronous mode) it is not the recorded sync standby, if any member (in
 *   synchronous mode: any synchronous candidate)
 *   still runs as primary, or if any member has received more WAL; then it
 *   tries an atomic create of the key, and the winner promotes.
 * DCS requests are retried until `retry_timeout` runs out.
 */
export interface PatroniOptions extends PatroniTimeouts {
  /** Bytes of lag beyond which a replica stays out of the race (default 1 MiB). */
  readonly maximumLagOnFailover: number;
  readonly synchronousMode: boolean;
  /**
   * Patroni `failsafe_mode` (default false): a leader that loses the DCS
   * keeps running as primary while every member in /failsafe accepts its
   * POST /failsafe.
   */
  readonly failsafeMode: boolean;
  /** Promotion time bounds (pg_ctl promote until read-write); the sources give no figure. */
  readonly promoteMinMs: number;
  readonly promoteMaxMs: number;
  /** Member REST status request timeout during the race (Patroni: 2 s). */
  readonly memberStatusTimeoutMs: number;
  /** One Kubernetes API call (pod label update). */
  readonly labelUpdateMs: number;
}

type DcsResult<T> = { ok: true; value: T } | { ok: false };

interface ClusterView {
  readonly leader: string | null;
  readonly sync: SyncState | null;
  readonly optimeBytes: number;
  readonly lease: number;
  /** The /failsafe key's members (failsafe_mode only); null when absent. */
  readonly failsafe: readonly string[] | null;
}

export class PatroniAgent {
  private lease: number | null = null;
  private lastLeader: string | null = null;
  private lastSkip: string | null = null;
  private wake: Event<void> | null = null;
  private unwatch: (() => void) | null = null;
  private readonly rng: RandomStream;
  private readonly others: string[];
  private readonly failsafe: FailsafeState;
  /** SIGTERM received: the HA loop runs no more cycles. */
  private stopping = false;
  private readonly trace: TypedTrace<PatroniEvents>;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    private readonly dcs: Dcs,
    private readonly pod: Pod,
    readonly pg: PostgresNode,
    members: readonly string[],
    private readonly agents: ReadonlyMap<string, PatroniAgent>,
    private readonly o: PatroniOptions,
  ) {
    this.rng = sim.rng(`patroni/${pod.name}`);
    this.trace = sim.trace.typed<PatroniEvents>();
    this.others = members.filter((m) => m !== pod.name);
    this.failsafe = new FailsafeState(sim, pod.name, sec(o.ttlS));
    pod.onStop(() => this.stop());
    pod.onStart(() => this.start(0));
    pod.onTerm(() => { sim.process(this.shutdown(), `${pod.name}/patroni-shutdown`); });
  }

  get name(): string {
    return this.pod.name;
  }

  /** Starts the HA loop; `phase` offsets the first cycle so agents do not run in lockstep. */
  start(phase: Micros): void {
    this.stopping = false;
    this.pg.start();
    this.unwatch = this.dcs.watch(LEADER_KEY, (ev) => {
      // Only a change of holder wakes a node early (a deleted key, or a new
      // leader); the leader's own lease refreshes do not touch the key.
      if (ev.type === 'put' && ev.value === this.lastLeader) return;
      // The watch stream delivers over the network from the etcd pod.
      this.net.send(this.dcs.name, this.name, () => { if (this.wake && !this.wake.triggered) this.wake.succeed(); }, undefined);
    });
    this.pod.spawn(this.loop(phase), 'patroni');
  }

  /** Initial state of a bootstrapped cluster: this node is the leader. */
  bootstrapAsLeader(): void {
    this.lease = this.dcs.grant(sec(this.o.ttlS));
    this.dcs.createIfAbsent(LEADER_KEY, this.name, this.lease);
    this.pg.role = 'primary';
    this.pod.setLabel('role', 'primary');
  }

  /** REST API answer for a member status request; nothing while the pod is not serving. */
  status(): MemberStatus | undefined {
    if (!this.pod.serving) return undefined;
    return { name: this.name, inRecovery: this.pg.role !== 'primary', walPosition: this.walBytes(), timeline: this.pg.timeline };
  }

  /**
   * REST API POST /failsafe from a leader that lost the DCS (patroni/api.py
   * `do_POST_failsafe`, `Ha.update_failsafe`): nothing while not serving,
   * refused while this node runs as primary, else accepted and remembered.
   */
  acceptFailsafe(leader: string): boolean | undefined {
    if (!this.pod.serving) return undefined;
    if (!this.o.failsafeMode || this.pg.role === 'primary') return false;
    this.failsafe.heardFrom(leader);
    return true;
  }

  private stop(): void {
    this.lease = null;
    this.lastLeader = null;
    this.unwatch?.();
    this.unwatch = null;
    this.wake = null;
    this.pg.crash();
  }

  private *loop(phase: Micros): ProcessGenerator<void> {
    if (phase > 0) yield this.sim.sleep(phase);
    for (;;) {
      const started = this.sim.now;
      this.wake = this.sim.event<void>();
      yield* this.cycle();
      const nap = started + sec(this.o.loopWaitS) - this.sim.now;
      if (nap > 0 && !this.wake.triggered) yield this.sim.anyOf([this.sim.timeout(nap), this.wake]);
    }
  }

  private *cycle(): ProcessGenerator<void> {
    if (this.stopping) return;
    const view = yield* this.request((): ClusterView => this.readCluster());
    if (!view.ok) return yield* this.dcsLost();
    this.failsafe.dcsAnswered();
    // failsafe_mode: a leader that still POSTs /failsafe holds the cluster
    // though its key expired (Failsafe.update_cluster): no race meanwhile.
    const leader = view.value.leader ?? (this.o.failsafeMode ? this.failsafe.leader() : null);
    this.lastLeader = leader;
    if (leader !== null) this.lastSkip = null;
    if (leader === this.name) return yield* this.actAsLeader(view.value);
    if (leader !== null) {
      if (this.pg.role === 'primary') this.demote('immediate-nolock', 'demoting self because I do not have the lock and I was a leader');
      this.pg.follow(leader);
      this.ensureLabel('replica');
      return;
    }
    yield* this.race(view.value);
  }

  /**
   * patroni/ha.py `Ha._handle_dcs_error`: a primary that cannot reach the DCS
   * demotes ('offline'), unless failsafe_mode is on and every member in
   * /failsafe accepts its POST /failsafe (`check_failsafe_topology`).
   */
  private *dcsLost(): ProcessGenerator<void> {
    if (this.pg.role !== 'primary') return;
    if (this.o.failsafeMode && (yield* this.failsafe.topologyHolds(this.net, this.agents))) return;
    this.demote('offline', 'demoted self because DCS is not accessible and I was a leader');
  }

  /**
   * SIGTERM (patroni/ha.py `Ha.shutdown`): the HA loop stops; a leader stops
   * PostgreSQL fast (so connected standbys get all its WAL), gives the
   * replicas a second, and deletes the leader key so one of them can take
   * over at once rather than when the key's lease expires. Then the process exits.
   */
  private *shutdown(): ProcessGenerator<void> {
    this.stopping = true;
    if (this.pg.role === 'primary') {
      this.pg.demote('fast');
      this.trace.emit(this.name, 'demote', { why: 'shutting down: stopped PostgreSQL (fast), releasing the leader key' });
      yield this.sim.sleep(ms(1_000));
      yield* this.request(() => this.dcs.get(LEADER_KEY)?.value === this.name && this.dcs.delete(LEADER_KEY));
    }
    if (this.pod.serving) this.pod.exited();
  }

  /** One DCS round trip: refresh our lease and member key, read the cluster. Runs at the etcd pod. */
  private readCluster(): ClusterView {
    if (this.lease === null || !this.dcs.keepAlive(this.lease)) this.lease = this.dcs.grant(sec(this.o.ttlS));
    this.dcs.put(MEMBERS_PREFIX + this.name, JSON.stringify({ role: this.pg.role, lsn: this.pg.lsn, upstream: this.pg.upstream }), this.lease);
    return {
      leader: this.dcs.get(LEADER_KEY)?.value ?? null,
      sync: parseSync(this.dcs.get(SYNC_KEY)?.value),
      optimeBytes: Number(this.dcs.get(OPTIME_KEY)?.value ?? 0),
      lease: this.lease,
      failsafe: this.o.failsafeMode ? FailsafeState.parse(this.dcs.get(FAILSAFE_KEY)?.value) : null,
    };
  }

  private *actAsLeader(view: ClusterView): ProcessGenerator<void> {
    const lease = view.lease;
    const kept = yield* this.request(() => {
      // The lease keepalive in readCluster renews the key; it is rewritten
      // only to move it onto a new lease (after a restart).
      const key = this.dcs.get(LEADER_KEY);
      const ok = key?.value === this.name && (key.lease === lease || this.dcs.compareAndSet(LEADER_KEY, this.name, this.name, lease));
      if (ok) this.dcs.put(OPTIME_KEY, String(this.walBytes()));
      // update_leader writes /failsafe: every member with a member key (patroni/ha.py `_failsafe_config`).
      if (ok && this.o.failsafeMode) this.dcs.put(FAILSAFE_KEY, JSON.stringify([this.name, ...this.others].filter((m) => this.dcs.get(MEMBERS_PREFIX + m) !== undefined)));
      return ok;
    });
    if (kept.ok && kept.value && this.o.failsafeMode) this.failsafe.remember(view.failsafe);
    if (!kept.ok) return yield* this.dcsLost();
    if (!kept.value) return this.demote('immediate-nolock', 'demoting self because I do not have the lock and I was a leader');
    if (this.pg.role !== 'primary') {
      // We hold the lock but Postgres runs as a replica (restarted within the TTL): promote.
      yield* this.promote('promoted self to leader because I had the session lock');
      return;
    }
    this.ensureLabel('primary');
    if (this.o.synchronousMode) yield* this.manageSyncStandby(view.sync);
  }

  private *race(view: ClusterView): ProcessGenerator<void> {
    if (this.pg.role === 'down') return;
    // Ha.is_healthiest_node: with failsafe_mode, a node missing from a non-empty /failsafe stays out.
    if (view.failsafe !== null && view.failsafe.length > 0 && !view.failsafe.includes(this.name)) {
      this.standAside('not in /failsafe');
      return;
    }
    if (view.optimeBytes - this.walBytes() > this.o.maximumLagOnFailover) {
      this.standAside(`lagging ${view.optimeBytes - this.walBytes()} bytes behind the last leader position`);
      return;
    }
    if (this.o.synchronousMode && view.sync !== null && view.sync.syncStandby !== this.name && view.sync.leader !== this.name) {
      this.standAside('not the synchronous standby');
      return;
    }
    // In synchronous mode Patroni compares only the synchronous candidates (the
    // last leader and the sync standby): an asynchronous replica that happens to
    // have received more WAL must not block the standby that has every commit.
    const sync = view.sync;
    const rivals = this.o.synchronousMode && sync !== null ? this.others.filter((m) => m === sync.leader || m === sync.syncStandby) : this.others;
    const statuses = yield* wait(this.sim.allOf(rivals.map((m) => this.askStatus(m))));
    for (const s of statuses) {
      if (!s.ok) continue;
      if (!s.value.inRecovery) { this.standAside(`primary ${s.value.name} is still alive`); return; }
      // patroni/ha.py `Ha._is_healthiest_node`: in synchronous mode the former
      // leader (the /sync key's leader) may still answer and be ahead of us
      // (commits it flushed but no standby confirmed); that does not
      // disqualify the synchronous standby ("Ignoring the former leader being ahead of us").
      const formerLeader = this.o.synchronousMode && sync !== null && sync.leader === s.value.name;
      if (s.value.walPosition > this.walBytes() && !formerLeader) { this.standAside(`${s.value.name} has received more WAL`); return; }
    }
    this.lastSkip = null;
    const lease = view.lease;
    const won = yield* this.request(() => this.dcs.createIfAbsent(LEADER_KEY, this.name, lease) || this.dcs.get(LEADER_KEY)?.value === this.name);
    if (!won.ok || !won.value) {
      this.trace.emit(this.name, 'race-lost');
      return;
    }
    this.trace.emit(this.name, 'acquired-leader', { lsn: this.pg.lsn });
    yield* this.promote('promoted self to leader by acquiring session lock');
  }

  /** Records why this node stays out of the race, once per change of reason. */
  private standAside(reason: string): void {
    if (reason === this.lastSkip) return;
    this.lastSkip = reason;
    this.trace.emit(this.name, 'race-skip', { reason });
  }

  private *promote(why: string): ProcessGenerator<void> {
    yield this.sim.sleep(ms(this.rng.uniform(this.o.promoteMinMs, this.o.promoteMaxMs)));
    if (this.pg.role !== 'replica') return;
    this.pg.promote();
    this.trace.emit(this.name, 'leader', { why });
    this.labelLater('primary');
    const optime = this.walBytes();
    yield* this.request(() => { this.dcs.put(OPTIME_KEY, String(optime)); this.dcs.put(SYNC_KEY, JSON.stringify({ leader: this.name, syncStandby: null })); return true; });
  }

  /**
   * Synchronous mode: keep one streaming replica as the synchronous standby.
   * A new standby is written to /sync before Postgres waits for it, and a
   * failed one is dropped from Postgres before /sync, so /sync always names
   * a node that has every acknowledged commit. With none left the primary
   * runs standalone (synchronous_mode_strict off).
   */
  private *manageSyncStandby(sync: SyncState | null): ProcessGenerator<void> {
    const current = this.pg.syncStandby;
    if (current !== null && this.isStreaming(current)) {
      if (sync?.syncStandby !== current) yield* this.request(() => { this.dcs.put(SYNC_KEY, JSON.stringify({ leader: this.name, syncStandby: current })); return true; });
      return;
    }
    const candidate = this.others.find((m) => this.isStreaming(m)) ?? null;
    if (candidate === null) {
      this.pg.setSyncStandby(null);
      yield* this.request(() => { this.dcs.put(SYNC_KEY, JSON.stringify({ leader: this.name, syncStandby: null })); return true; });
      return;
    }
    if (current !== null) this.pg.setSyncStandby(null);
    const written = yield* this.request(() => { this.dcs.put(SYNC_KEY, JSON.stringify({ leader: this.name, syncStandby: candidate })); return true; });
    if (written.ok && this.pg.role === 'primary') this.pg.setSyncStandby(candidate);
  }

  /** Whether `member` streams from us, judged from its member key as a primary would see pg_stat_replication. */
  private isStreaming(member: string): boolean {
    const other = this.agents.get(member);
    return other !== undefined && other.pg.role === 'replica' && other.pg.upstream === this.name && this.net.reachable(member, this.name);
  }

  private askStatus(member: string): Event<CallOutcome<MemberStatus>> {
    const agent = this.agents.get(member)!;
    return this.net.call(this.name, member, () => agent.status(), ms(this.o.memberStatusTimeoutMs));
  }

  /**
   * patroni/ha.py `Ha.demote(mode)`: 'offline' (the DCS is out of reach)
   * stops PostgreSQL fast and keeps no upstream until the DCS answers again;
   * 'immediate-nolock' (another node holds the key) stops it immediately.
   * Neither releases the key: the first cannot reach it, the second does not hold it.
   */
  private demote(mode: 'offline' | 'immediate-nolock', why: string): void {
    if (this.pg.role !== 'primary') return;
    this.pg.demote(mode === 'offline' ? 'fast' : 'immediate');
    this.trace.emit(this.name, 'demote', { why });
    this.labelLater('replica');
  }

  /** Patroni's role callback keeps the pod label in step with the role it runs (also after a restart). */
  private ensureLabel(role: string): void {
    if (this.pod.labels.get('role') !== role) this.labelLater(role);
  }

  private labelLater(role: string): void {
    this.sim.schedule(ms(this.o.labelUpdateMs), () => { if (this.pod.serving) this.pod.setLabel('role', role); });
  }

  private walBytes(): number {
    return this.pg.lsn * this.pg.lagBytesPerRecord;
  }

  /** A DCS operation with Patroni's retries: attempts until `retry_timeout` has passed. */
  private *request<T>(op: () => T): Generator<any, DcsResult<T>, any> {
    const deadline = this.sim.now + sec(this.o.retryTimeoutS);
    const attemptTimeout = Math.max(ms(500), Math.floor(sec(this.o.retryTimeoutS) / 3));
    for (;;) {
      const left = deadline - this.sim.now;
      if (left <= 0) return { ok: false };
      const r = yield* wait(this.net.call(this.name, this.dcs.name, op, Math.min(left, attemptTimeout)));
      if (r.ok) return { ok: true, value: r.value };
      if (deadline - this.sim.now > ms(100)) yield this.sim.sleep(ms(100));
    }
  }
}
