import { claim, detectedBy, recoversByItself, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 9: a NetworkPolicy cuts one pod off from the database. */
export const firewallNetworkIsolation = firewall.scenario({
  id: 'firewall-network-isolation',
  title: 'Pod network isolation: a policy drops one pod\'s traffic to the database',
  source: '9. Pod Network Isolation',
  description: 'At 60 s an egress NetworkPolicy selects pod api-1-1 and allows DNS only. Its queries and health checks get no answer (a dropped flow times out, it is not refused). --set mitigation=on: the policy also allows PostgreSQL (the seed\'s "network policy allows required egress").',
  documented: documented('Low', true),
  defaults: { durationMs: 420_000, mitigation: 'off' },
  faults: (p) => [{ at: p.faultAtMs, target: 'netpol', kind: 'isolate', params: { pod: 'api-1-1' } }],
  claims: [
    claim(9, 'Detection', 'connection refused errors', (m) => ({
      pass: m.deniedFlows > 0 && m.gatewayTimeouts === 0,
      detail: `${m.deniedFlows} flows dropped; clients saw ${m.gatewayTimeouts} timeouts (504 or none): a NetworkPolicy drops packets, nothing refuses`,
    })),
    detectedBy(9, 'ServiceNetworkFailure', 'detectNetworkMs', 30_000),
    claim(9, 'Mitigation', 'health checks fail the pod and Kubernetes removes it from the endpoints', (m, p) => ({
      pass: m.minReadyPods === p.replicas - 1, detail: `fewest Ready endpoints ${m.minReadyPods} of ${p.replicas}`,
    })),
    claim(9, 'Recovery', 'Kubernetes restarts the pod', (m) => ({
      pass: m.containerRestarts > 0, detail: `${m.containerRestarts} container restarts: a failing readiness probe removes a pod from the Service, only a liveness probe restarts it`,
    })),
    recoversByItself(9, 'the other pods serve'),
    sloImpact(9, 'Low', 'if multiple replicas are available'),
  ],
});
export default firewallNetworkIsolation;
