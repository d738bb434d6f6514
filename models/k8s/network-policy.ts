import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { CallOutcome, Network } from '../net/network.js';
import type { K8sResourceEvents } from './resource-events.js';

/** Labels by key; an empty selector matches every pod. */
export type Labels = Readonly<Record<string, string>>;

/** A peer: pods whose labels match `podLabels` (matchLabels), or endpoints named in `names` (an ipBlock stand-in). */
export interface PolicyPeer {
  readonly podLabels?: Labels | undefined;
  readonly names?: readonly string[] | undefined;
}

/** One allow rule: from/to any of `peers` (none listed: every peer), on any of `ports` (none listed: every port). */
export interface PolicyRule {
  readonly peers?: readonly PolicyPeer[] | undefined;
  readonly ports?: readonly number[] | undefined;
}

export interface NetworkPolicySpec {
  readonly name: string;
  /** The pods the policy isolates (spec.podSelector). */
  readonly podSelector: Labels;
  /** Which directions it isolates (default: Ingress, plus Egress if egress rules are given, as the API defaults). */
  readonly policyTypes?: readonly ('Ingress' | 'Egress')[] | undefined;
  readonly ingress?: readonly PolicyRule[] | undefined;
  readonly egress?: readonly PolicyRule[] | undefined;
}

/** An endpoint's labels, or undefined for something outside the cluster's pods. */
export type LabelsOf = (endpoint: string) => Labels | undefined;

function matches(selector: Labels, labels: Labels | undefined): boolean {
  return labels !== undefined && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function types(p: NetworkPolicySpec): readonly ('Ingress' | 'Egress')[] {
  return p.policyTypes ?? (p.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress']);
}

function peerMatches(peer: PolicyPeer, endpoint: string, labelsOf: LabelsOf): boolean {
  if (peer.names?.includes(endpoint) === true) return true;
  return peer.podLabels !== undefined && matches(peer.podLabels, labelsOf(endpoint));
}

function ruleAllows(rule: PolicyRule, peer: string, port: number | undefined, labelsOf: LabelsOf): boolean {
  const peerOk = rule.peers === undefined || rule.peers.length === 0 || rule.peers.some((p) => peerMatches(p, peer, labelsOf));
  const portOk = rule.ports === undefined || rule.ports.length === 0 || (port !== undefined && rule.ports.includes(port));
  return peerOk && portOk;
}

/** One direction at one pod: open unless some policy isolates it, then only what some such policy's rules allow (a union). */
function directionAllows(policies: readonly NetworkPolicySpec[], dir: 'Ingress' | 'Egress', pod: string, peer: string, port: number | undefined, labelsOf: LabelsOf): boolean {
  const isolating = policies.filter((p) => types(p).includes(dir) && matches(p.podSelector, labelsOf(pod)));
  if (isolating.length === 0) return true;
  return isolating.some((p) => (dir === 'Ingress' ? p.ingress : p.egress)?.some((r) => ruleAllows(r, peer, port, labelsOf)) === true);
}

/**
 * Kubernetes NetworkPolicy semantics [K8S-NETPOL], pure: policies are
 * additive allow-lists; a pod selected by none is open in that direction; a
 * flow needs the sender's egress and the receiver's ingress to allow it.
 */
export function policyAdmits(policies: readonly NetworkPolicySpec[], labelsOf: LabelsOf, from: string, to: string, port?: number): boolean {
  return directionAllows(policies, 'Egress', from, to, port, labelsOf) && directionAllows(policies, 'Ingress', to, from, port, labelsOf);
}

/**
 * The policies in force in a namespace. A denied flow is dropped by the CNI
 * (packets discarded, no RST): the sender sees a connect timeout, never a
 * refusal. Callers ask `admits` before handing a message to the network and,
 * when it says no, send nothing and let their own timeout fire.
 */
export class NetworkPolicies {
  private readonly specs = new Map<string, NetworkPolicySpec>();
  /** Flows dropped so far. */
  denied = 0;

  constructor(private readonly sim: Simulation, private readonly labelsOf: LabelsOf) {}

  /** kubectl apply: adds or replaces a policy by name. */
  apply(spec: NetworkPolicySpec): void { this.specs.set(spec.name, spec); }
  delete(name: string): void { this.specs.delete(name); }
  get policies(): NetworkPolicySpec[] { return [...this.specs.values()]; }

  /** Whether a flow from `from` to `to` (on `port`) gets through; records a denied one. */
  admits(from: string, to: string, port?: number): boolean {
    // Asked on every message: with no policy in force, no list to build.
    if (this.specs.size === 0) return true;
    const policies = this.policies;
    if (policyAdmits(policies, this.labelsOf, from, to, port)) return true;
    this.denied++;
    const direction = directionAllows(policies, 'Egress', from, to, port, this.labelsOf) ? 'ingress' : 'egress';
    this.sim.trace.typed<K8sResourceEvents>().emit(`netpol/${from}`, 'flow-denied', { from, to, direction });
    return false;
  }
}

/**
 * A request/response call through the policies: an admitted flow is a
 * Network.call; a denied one sends nothing and times out after `timeout`,
 * as a dropped SYN does (no refusal ever comes back).
 */
export function callThroughPolicy<T>(sim: Simulation, net: Network, policies: NetworkPolicies, from: string, to: string, handler: () => T | Event<T> | undefined, timeout: Micros, port?: number): Event<CallOutcome<T>> {
  if (policies.admits(from, to, port)) return net.call(from, to, handler, timeout);
  const done = sim.event<CallOutcome<T>>();
  sim.schedule(timeout, () => done.succeed({ ok: false, error: 'timeout' }));
  return done;
}
