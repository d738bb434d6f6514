import { z } from 'zod';
import type { Simulation } from '../../src/scenario/index.js';
import type { NetworkPolicies } from '../../models/k8s/network-policy.js';

const ISOLATE = z.strictObject({ pod: z.string().default('api-1-1').describe('the pod the new policy selects') });

/**
 * Seed 004, "Pod Network Isolation": a NetworkPolicy that isolates one
 * pod's egress is applied (a mislabelled pod, a tightened policy). Without
 * the mitigation it allows DNS only; with it ("network policy allows
 * required egress") it also allows PostgreSQL on 5432. Fault: `isolate
 * {pod}` on target `netpol`, `restore` removes the policy.
 */
export function registerIsolation(sim: Simulation, policies: NetworkPolicies, allowDb: boolean): void {
  sim.faults.on('netpol', 'isolate', (f) => {
    const pod = ISOLATE.parse(f.params ?? {}).pod;
    policies.apply({
      name: 'egress-lockdown', podSelector: { pod }, policyTypes: ['Egress'],
      egress: [{ ports: [53] }, ...(allowDb ? [{ peers: [{ names: ['db'] }], ports: [5432] }] : [])],
    });
  }, ISOLATE);
  sim.faults.on('netpol', 'restore', () => policies.delete('egress-lockdown'), z.strictObject({}));
}
