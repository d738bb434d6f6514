import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import { Hooks } from '../client/hooks.js';
import type { CallOutcome, Network } from '../net/network.js';
import type { H2OCloudEvents } from './h2o-events.js';
import { NetworkPolicy } from './network-policy.js';

/** HeartBeatThread.SLEEP: one heartbeat per node per second [H2O-HB]. */
export const H2O_HEARTBEAT_MS = 1000;
/** HeartBeatThread.TIMEOUT; H2ONode.isHealthy is `now - last_heard_from < TIMEOUT` [H2O-HB]. */
export const H2O_TIMEOUT_MS = 60_000;

export interface H2OCloudOptions {
  /** Pod names, the flatfile (or the headless Service's DNS answer) every node heartbeats to. */
  readonly nodes: readonly string[];
  /** Trace source; default 'h2o'. */
  readonly name?: string;
  readonly heartbeatMs?: number;
  readonly timeoutMs?: number;
  /** H2O_NODE_EXPECTED_COUNT [H2O-K8S]: the cloud counts as formed only at this size; default any size. */
  readonly expectedSize?: number;
  /** The node the client talks to: its view is what /3/Cloud reports and it drives jobs. Default nodes[0]. */
  readonly leader?: string;
  readonly policy?: NetworkPolicy;
}

/** What one node last heard from a peer: that peer's heartbeat [H2O-PAXOS]. */
interface PeerView {
  view: string;
  common: boolean;
  lastHeard: Micros;
}

/** One JVM's Paxos state (all static in H2O's Paxos.java, per node here). */
class NodeState {
  up = false;
  /** Bumped on every start: timers of an earlier life are ignored. */
  incarnation = 0;
  readonly proposed = new Set<string>();
  /** PROPOSED as a sorted list: stands in for the cloud hash. */
  view = '';
  /** SELF._heartbeat._common_knowledge: all peers report my view. */
  hbCommon = false;
  /** Paxos._commonKnowledge: ... and all of them said so too. */
  commonKnowledge = false;
  /** Paxos._cloudLocked. */
  locked = false;
  readonly peers = new Map<string, PeerView>();
  constructor(readonly name: string) {}
}

interface Heartbeat {
  readonly from: string;
  readonly to: string;
  readonly view: string;
  readonly common: boolean;
}

interface Tick {
  readonly node: NodeState;
  readonly incarnation: number;
}

interface Watch {
  readonly node: string;
  readonly generation: number;
}

/**
 * H2O-3 nodes forming a cloud by heartbeats, as Paxos.doHeartbeat does it
 * [H2O-PAXOS]: each node adds every node it hears from to its proposed set
 * and declares common knowledge once every member reports the same set and
 * has itself said so. With every node started at once, that takes three
 * heartbeat rounds (view, agreement, common knowledge): 3 s plus a latency.
 *
 * The first job locks the cloud (Paxos.lockCloud, called from DKV.put
 * [H2O-DKV]); a node not in the cloud that then heartbeats is told to shut
 * down (UDPRebooted.T.locked). Membership never shrinks: a silent node is
 * only reported unhealthy once the leader has not heard it for TIMEOUT
 * (60 s; the SUSPECT mark at 60.5 s is only logged) [H2O-HB].
 *
 * Simplifications: the lock is applied to every member at once (in H2O each
 * JVM locks at its first distributed write, within the first job's first
 * moments); heartbeats go to every flatfile node (no multicast); a lone node
 * forms a cloud of one at its first tick only when the flatfile has one node.
 */
export class H2OCloud {
  readonly name: string;
  readonly policy: NetworkPolicy;
  readonly hooks = { formed: new Hooks<number>(), unhealthy: new Hooks<string>() };
  /** Public counters. */
  formations = 0;
  refusals = 0;
  readonly leader: string;
  private readonly nodes = new Map<string, NodeState>();
  private readonly flatfile: string[] = [];
  private readonly heartbeatUs: Micros;
  private readonly timeoutUs: Micros;
  private readonly expectedSize: number;
  private readonly trace: TypedTrace<H2OCloudEvents>;
  private generationNo = 0;
  private formedAtUs: Micros = -1;
  private memberList: string[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly lostListeners: ((node: string) => void)[] = [];
  private readonly unhealthyNodes = new Set<string>();
  private readonly watching = new Set<string>();
  private readonly onHeartbeat = (h: Heartbeat): void => this.receive(h);

  constructor(private readonly sim: Simulation, private readonly net: Network, options: H2OCloudOptions) {
    this.name = options.name ?? 'h2o';
    this.policy = options.policy ?? new NetworkPolicy();
    this.heartbeatUs = ms(options.heartbeatMs ?? H2O_HEARTBEAT_MS);
    this.timeoutUs = ms(options.timeoutMs ?? H2O_TIMEOUT_MS);
    this.expectedSize = options.expectedSize ?? 1;
    this.trace = sim.trace.typed<H2OCloudEvents>();
    if (options.nodes.length === 0) throw new Error('h2o: a cloud needs at least one node');
    this.leader = options.leader ?? options.nodes[0]!;
    for (const n of options.nodes) this.addNode(n);
  }

  /** Registers a pod (in the flatfile and on the network), not started. */
  addNode(name: string): void {
    if (this.nodes.has(name)) return;
    const state = new NodeState(name);
    this.nodes.set(name, state);
    this.flatfile.push(name);
    this.net.addHost(name, () => state.up);
  }

  /** Starts every registered node after `afterMs` (a StatefulSet starting its pods). */
  startAll(afterMs = 0): void {
    for (const n of this.flatfile) this.start(n, afterMs);
  }

  /** Starts one node's JVM after `afterMs`; its first heartbeat leaves one interval later (HeartBeatThread sleeps first). */
  start(name: string, afterMs = 0): void {
    const node = this.node(name);
    this.sim.schedule(ms(afterMs), (n: NodeState) => this.boot(n), node);
  }

  /** The seed's restart_h2o_cluster(): every pod stops now and starts after `afterMs`; the old cloud and its data are gone. */
  restartAll(afterMs: number): void {
    for (const n of this.flatfile) this.stop(this.node(n));
    this.generationNo++;
    this.formedAtUs = -1;
    this.memberList = [];
    this.unhealthyNodes.clear();
    this.watching.clear();
    this.startAll(afterMs);
  }

  /** A crash of one node's JVM (the pod restarting is the caller's business). */
  crash(name: string): void {
    this.stop(this.node(name));
  }

  get isFormed(): boolean {
    return this.formedAtUs >= 0 && this.nodes.get(this.leader)!.commonKnowledge;
  }

  /** Size of the cloud as the leader reports it; 0 before the first formation (of this generation). */
  get size(): number {
    return this.memberList.length;
  }

  get members(): readonly string[] {
    return this.memberList;
  }

  get formedAt(): Micros {
    return this.formedAtUs;
  }

  /** Bumped by every restartAll: the DKV drops its contents when it changes. */
  get generation(): number {
    return this.generationNo;
  }

  get isLocked(): boolean {
    return this.nodes.get(this.leader)!.locked;
  }

  isUp(name: string): boolean {
    return this.node(name).up;
  }

  /** H2ONode.isHealthy as `observer` sees `node`: heard within the TIMEOUT [H2O-HB]. */
  isHealthy(node: string, observer: string = this.leader): boolean {
    if (node === observer) return this.node(node).up;
    const peer = this.node(observer).peers.get(node);
    return peer !== undefined && this.sim.now - peer.lastHeard < this.timeoutUs;
  }

  /** Members the leader counts healthy (/3/Cloud's healthy flags). */
  get healthyCount(): number {
    let n = 0;
    for (const m of this.memberList) if (this.isHealthy(m)) n++;
    return n;
  }

  /** Calls `fn` once the cloud is formed (at once if it is). */
  whenFormed(fn: () => void): void {
    if (this.isFormed) fn();
    else this.waiters.push(fn);
  }

  /** `fn(node)` whenever the leader stops counting a member healthy; returns an unsubscribe. */
  onNodeLost(fn: (node: string) => void): () => void {
    this.lostListeners.push(fn);
    return () => {
      const i = this.lostListeners.indexOf(fn);
      if (i >= 0) this.lostListeners.splice(i, 1);
    };
  }

  /**
   * Paxos.lockCloud: from now on the cloud refuses new nodes. H2O blocks the
   * caller until common knowledge; here the caller waits with whenFormed, and
   * a lock before formation returns false.
   */
  lock(reason: string): boolean {
    if (!this.isFormed) return false;
    if (this.isLocked) return true;
    for (const m of this.memberList) this.node(m).locked = true;
    this.trace.emit(this.name, 'locked', { size: this.memberList.length, reason });
    return true;
  }

  /**
   * A request from one pod to another over ports 54321-54322: dropped by the
   * network policy (a timeout, not a refusal) or sent as Network.call.
   */
  call<T>(from: string, to: string, handler: () => T | Event<T> | undefined, timeout: Micros): Event<CallOutcome<T>> {
    if (this.policy.admits(from, to)) return this.net.call(from, to, handler, timeout);
    return this.sim.timeout<CallOutcome<T>>(timeout, { ok: false, error: 'timeout' });
  }

  private node(name: string): NodeState {
    const n = this.nodes.get(name);
    if (n === undefined) throw new Error(`h2o: unknown node ${name}`);
    return n;
  }

  private boot(node: NodeState): void {
    if (node.up) return;
    node.up = true;
    node.incarnation++;
    node.proposed.clear();
    node.proposed.add(node.name);
    node.view = node.name;
    node.hbCommon = false;
    node.commonKnowledge = false;
    node.locked = false;
    node.peers.clear();
    this.trace.emit(this.name, 'node-up', { node: node.name });
    this.sim.schedule(this.heartbeatUs, (t: Tick) => this.tick(t), { node, incarnation: node.incarnation });
  }

  private stop(node: NodeState): void {
    if (!node.up) return;
    node.up = false;
    this.trace.emit(this.name, 'node-down', { node: node.name });
  }

  /** HeartBeatThread.run: sleep, then publish this node's view to every flatfile node. */
  private tick(t: Tick): void {
    const node = t.node;
    if (!node.up || node.incarnation !== t.incarnation) return;
    for (const to of this.flatfile) {
      if (to === node.name || !this.policy.admits(node.name, to)) continue;
      const hb: Heartbeat = { from: node.name, to, view: node.view, common: node.hbCommon };
      this.net.send(node.name, to, this.onHeartbeat, hb);
    }
    // A one-node flatfile hears only itself (multicast loops back; H2O fakes it).
    if (this.flatfile.length === 1) this.consider(node);
    this.sim.schedule(this.heartbeatUs, (x: Tick) => this.tick(x), t);
  }

  /** A heartbeat arrives: record it, then Paxos.doHeartbeat. */
  private receive(hb: Heartbeat): void {
    const node = this.node(hb.to);
    if (!node.up) return;
    const peer = node.peers.get(hb.from);
    if (peer === undefined) node.peers.set(hb.from, { view: hb.view, common: hb.common, lastHeard: this.sim.now });
    else {
      peer.view = hb.view;
      peer.common = hb.common;
      peer.lastHeard = this.sim.now;
    }
    if (node.name === this.leader && this.unhealthyNodes.delete(hb.from)) {
      this.trace.emit(this.name, 'regained', { node: hb.from });
      this.watch(hb.from);
    }
    this.doHeartbeat(node, hb.from);
  }

  /** Paxos.doHeartbeat, minus jar checks and clients [H2O-PAXOS]. */
  private doHeartbeat(node: NodeState, from: string): void {
    if (!node.proposed.has(from)) {
      if (node.locked) {
        this.refuse(node.name, from);
        return;
      }
      node.proposed.add(from);
      node.view = [...node.proposed].sort().join('+');
      node.commonKnowledge = false;
      node.hbCommon = false;
    } else if (node.commonKnowledge) return;
    this.consider(node);
  }

  /** Consensus: every member reports my view, then every member reports common knowledge. */
  private consider(node: NodeState): void {
    for (const p of node.proposed) if (p !== node.name && node.peers.get(p)?.view !== node.view) return;
    node.hbCommon = true;
    for (const p of node.proposed) if (p !== node.name && node.peers.get(p)?.common !== true) return;
    node.commonKnowledge = true;
    if (node.name === this.leader && node.proposed.size >= this.expectedSize) this.leaderFormed(node);
  }

  /** "Announcing new Cloud Membership": the cloud as the client sees it. */
  private leaderFormed(leader: NodeState): void {
    this.memberList = leader.view.split('+');
    this.formedAtUs = this.sim.now;
    this.formations++;
    this.trace.emit(this.name, 'formed', { size: this.memberList.length, members: leader.view });
    this.hooks.formed.call(this.memberList.length);
    for (const m of this.memberList) if (m !== this.leader) this.watch(m);
    const waiting = this.waiters.splice(0);
    for (const fn of waiting) fn();
  }

  /** UDPRebooted.T.locked: "Killing <node> because the cloud is no longer accepting new H2O nodes." */
  private refuse(by: string, node: string): void {
    if (!this.policy.admits(by, node)) return;
    this.net.send(by, node, (n: string) => {
      const target = this.node(n);
      if (!target.up) return;
      this.refusals++;
      this.trace.emit(this.name, 'refused', { node: n, by });
      this.stop(target);
    }, node);
  }

  /** Checks, at the instant the leader's TIMEOUT for `node` runs out, whether it was heard since. */
  private watch(node: string): void {
    if (this.watching.has(node)) return;
    this.watching.add(node);
    const last = this.nodes.get(this.leader)!.peers.get(node)?.lastHeard ?? this.sim.now;
    this.sim.at(last + this.timeoutUs, (w: Watch) => this.checkHealth(w), { node, generation: this.generationNo });
  }

  private checkHealth(w: Watch): void {
    if (w.generation !== this.generationNo) return;
    this.watching.delete(w.node);
    const leader = this.nodes.get(this.leader)!;
    if (!leader.up) return;
    if (this.isHealthy(w.node)) {
      this.watch(w.node);
      return;
    }
    const last = leader.peers.get(w.node)?.lastHeard ?? -1;
    this.unhealthyNodes.add(w.node);
    this.trace.emit(this.name, 'unhealthy', { node: w.node, lastHeardMs: last / 1000 });
    this.hooks.unhealthy.call(w.node);
    for (const fn of this.lostListeners.slice()) fn(w.node);
  }
}
