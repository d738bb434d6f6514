import { claim, detectedBy, recoversByItself, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 7: v1.1 leaks 100 KiB per request; the pods reach 512Mi. */
export const firewallOom = firewall.scenario({
  id: 'firewall-oom',
  title: 'Memory pressure and OOM: a release that leaks 100 KiB per request',
  source: '7. Memory Pressure / OOM',
  description: 'At 60 s v1.1 rolls out with a leak of 100 KiB per request. Each pod climbs to its 512Mi limit and is OOM-killed (the whole container, cgroup v2), restarts under CrashLoopBackOff and climbs again. The HPA scales on CPU, which a leak does not raise.',
  documented: documented('Medium', true),
  defaults: { durationMs: 900_000, faultForMs: 840_000 },
  faults: (p) => [{ at: p.faultAtMs, target: 'ci', kind: 'deploy', params: { version: 'v1.1', leakPerRequestBytes: 102_400 } }],
  claims: [
    detectedBy(7, 'HighMemoryUsage (> 85 %)', 'detectMemoryMs', 900_000),
    claim(7, 'Detection', 'HighMemoryUsage fires before the first OOM kill', (m) => ({
      pass: m.detectMemoryMs < m.detectOomMs, detail: `memory alert ${(m.detectMemoryMs / 1000).toFixed(0)} s, first OOM kill seen ${(m.detectOomMs / 1000).toFixed(0)} s after the rollout`,
    })),
    claim(7, 'Recovery', 'Kubernetes restarts the pod', (m) => ({ pass: m.oomKills > 0 && m.containerRestarts >= m.oomKills, detail: `${m.oomKills} OOM kills, ${m.containerRestarts} container stops` })),
    claim(7, 'Recovery', 'the HPA adds replicas', (m, p) => ({
      pass: m.peakReplicas > p.replicas, detail: `at most ${m.peakReplicas} replicas: the HPA scales on CPU, and a leak does not use CPU`,
    })),
    recoversByItself(7, 'restarts and HPA'),
    sloImpact(7, 'Medium', 'brief downtime during restart'),
  ],
});
export default firewallOom;
