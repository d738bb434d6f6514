import { claim, detectedBy, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 8: traffic ramps from 40 to 240 requests/s in 20 s. */
export const firewallCpuSaturation = firewall.scenario({
  id: 'firewall-cpu-saturation',
  title: 'CPU saturation: load jumps 6x in 20 s against 500m limits',
  source: '8. CPU Saturation',
  description: 'From 60 s the load ramps from 40 to 240 requests/s in 20 s (a launch, a batch client) and stays there. Each pod has 500m (50 ms of CPU per 100 ms period); past it the CFS throttles and requests queue. The HPA sees CPU through metrics-server (15 s) and syncs every 15 s; new pods take their start-up and a readiness probe.',
  documented: documented('Medium', true),
  defaults: { durationMs: 300_000, faultForMs: 20_000, rampTo: 6 },
  faults: () => [],
  claims: [
    detectedBy(8, 'HighCPUUsage (> 70 %)', 'detectCpuMs', 60_000),
    claim(8, 'Recovery', 'the HPA adds replicas automatically', (m, p) => ({
      pass: m.peakReplicas > p.replicas, detail: `up to ${m.peakReplicas} replicas, first scale-up ${(m.scaleUpAfterMs / 1000).toFixed(0)} s after the ramp began`,
    })),
    claim(8, 'Mitigation', 'the request timeout prevents infinite queueing', (m, p) => ({
      pass: m.latencyP99Ms <= p.requestTimeoutMs, detail: `p99 of answered requests ${(m.latencyP99Ms / 1000).toFixed(2)} s (timeout ${(p.requestTimeoutMs / 1000).toFixed(0)} s)`,
    })),
    sloImpact(8, 'Medium', 'degraded performance until scaled'),
  ],
});
export default firewallCpuSaturation;
