import { noAcceptedOrderLost } from './claims.js';
import { fluxGate } from './system.js';

/** One API instance loses its route to Redis; the load balancer's process health check does not notice. */
export const fluxPartition = fluxGate.scenario({
  id: 'flux-partition',
  title: 'Flux-Gate: network partition between an API instance and Redis',
  source: 'Failure Recovery Matrix: Network partition',
  description: 'api-0 is cut off from Redis for a while; it keeps receiving traffic and answers errors.',
  faults: (p) => [
    { at: p.faultAtMs, target: 'network', kind: 'partition', params: { groups: [['api-0'], ['redis']] } },
    { at: p.faultAtMs + p.faultForMs, target: 'network', kind: 'heal' },
  ],
  claims: [
    noAcceptedOrderLost('Matrix: Network partition, Data Loss Possible'),
    { name: 'recovers by itself once healed', source: 'Matrix: Network partition, Auto-Recover Partial', check: (m) => ({ pass: !Number.isNaN(m.timeToRecoverMs), detail: `buyers saw success again ${(m.timeToRecoverMs / 1000).toFixed(1)} s after the fault` }) },
  ],
});
export default fluxPartition;
