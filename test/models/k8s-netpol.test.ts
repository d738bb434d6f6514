import { describe, expect, it } from 'vitest';
import { ms, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { callThroughPolicy, NetworkPolicies, policyAdmits, type NetworkPolicySpec } from '../../models/k8s/network-policy.js';
import { Network } from '../../models/net/network.js';

const LABELS: Record<string, Record<string, string>> = {
  'gw-0': { app: 'gateway' },
  'api-0': { app: 'api' },
  'api-1': { app: 'api' },
  'db-0': { app: 'postgres' },
  'batch-0': { app: 'batch' },
};
const labelsOf = (e: string) => LABELS[e];

const API_INGRESS: NetworkPolicySpec = { name: 'api-from-gateway', podSelector: { app: 'api' }, ingress: [{ peers: [{ podLabels: { app: 'gateway' } }], ports: [8080] }] };
const API_EGRESS: NetworkPolicySpec = { name: 'api-to-db', podSelector: { app: 'api' }, policyTypes: ['Egress'], egress: [{ peers: [{ podLabels: { app: 'postgres' } }, { names: ['kube-dns'] }] }] };

describe('NetworkPolicy', () => {
  it('no policy selects a pod: every flow is allowed', () => {
    expect(policyAdmits([], labelsOf, 'batch-0', 'api-0', 8080)).toBe(true);
    expect(policyAdmits([API_INGRESS], labelsOf, 'batch-0', 'db-0', 5432)).toBe(true);
  });

  it('ingress allow-list: only the gateway, only on 8080', () => {
    const p = [API_INGRESS];
    expect(policyAdmits(p, labelsOf, 'gw-0', 'api-0', 8080)).toBe(true);
    expect(policyAdmits(p, labelsOf, 'gw-0', 'api-1', 9090)).toBe(false);
    expect(policyAdmits(p, labelsOf, 'batch-0', 'api-0', 8080)).toBe(false);
    expect(policyAdmits(p, labelsOf, 'api-1', 'api-0', 8080)).toBe(false); // even the api's own pods
  });

  it('egress isolation needs the receiver allowed too; policies add up (a union)', () => {
    const p = [API_INGRESS, API_EGRESS];
    expect(policyAdmits(p, labelsOf, 'api-0', 'db-0', 5432)).toBe(true);
    expect(policyAdmits(p, labelsOf, 'api-0', 'kube-dns', 53)).toBe(true);
    expect(policyAdmits(p, labelsOf, 'api-0', 'gw-0', 80)).toBe(false);
    const open: NetworkPolicySpec = { name: 'api-from-batch', podSelector: { app: 'api' }, ingress: [{ peers: [{ podLabels: { app: 'batch' } }] }] };
    expect(policyAdmits([...p, open], labelsOf, 'batch-0', 'api-0', 1234)).toBe(true);
    // A policy with Ingress in policyTypes and no rules denies all ingress.
    const denyAll: NetworkPolicySpec = { name: 'deny', podSelector: { app: 'postgres' }, policyTypes: ['Ingress'] };
    expect(policyAdmits([denyAll], labelsOf, 'api-0', 'db-0', 5432)).toBe(false);
  });

  it('a denied call is dropped: the caller gets a timeout after its own timeout, never a refusal; counted and traced', () => {
    const sim = new Simulation({ seed: 1 });
    const recs: TraceRecord[] = [];
    sim.trace.addSink({ record: (r) => { recs.push(r); } });
    const net = new Network(sim);
    for (const h of Object.keys(LABELS)) net.addHost(h);
    const policies = new NetworkPolicies(sim, labelsOf);
    policies.apply(API_INGRESS);
    let served = 0;
    const outcomes: [string, number, boolean][] = [];
    for (const from of ['gw-0', 'batch-0']) {
      callThroughPolicy(sim, net, policies, from, 'api-0', () => { served++; return 'ok'; }, ms(3000), 8080).addCallback((e) => { outcomes.push([from, sim.now / 1000, e.value!.ok]); });
    }
    sim.run();
    expect(served).toBe(1);
    expect(outcomes.find((o) => o[0] === 'batch-0')).toEqual(['batch-0', 3000, false]);
    expect(outcomes.find((o) => o[0] === 'gw-0')![2]).toBe(true);
    expect(policies.denied).toBe(1);
    expect(recs.filter((r) => r.kind === 'flow-denied').map((r) => r.data)).toEqual([{ from: 'batch-0', to: 'api-0', direction: 'ingress' }]);
  });
});
