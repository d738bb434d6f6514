import { SLO_IMPACTS, type PaneData } from '../../src/scenario/index.js';
import type { FirewallView } from './metrics.js';

const pct = (x: number) => `${x.toFixed(0)} %`;

/** The fleet: each live pod's state, readiness, CPU (metrics-server), memory and database link. */
function fleetPane({ world: w }: FirewallView): PaneData {
  const rows = w.pods.filter((p) => !p.pod.removed).map((p) => {
    const m = w.metricsServer.get(p.name);
    return [
      p.name, `r${p.revision}`, p.pod.state, p.ready ? 'Ready' : 'not ready',
      m === undefined ? '-' : `${m.cpuMillicores.toFixed(0)}m`, pct(p.memory.percentOfLimit),
      p.app === null ? '-' : p.db.connected ? 'db ok' : 'db down', p.breaker?.state(w.shared.sim.now) ?? '-',
    ];
  });
  const hpa = w.hpa === null ? 'HPA off' : `HPA wants ${w.hpa.lastDesired ?? '-'}`;
  return { title: `pods: ${w.deployment.replicas} desired, ${w.frontDoor.readyPods} endpoints, ${hpa}, rollout ${w.deployment.condition}`, columns: ['pod', 'rev', 'state', 'ready', 'cpu', 'memory', 'database', 'breaker'], rows };
}

/** What the clients get, and the incident's SLO grade so far. */
function requestsPane({ observed: o, sim }: FirewallView): PaneData {
  const c = (s: number) => String(o.count(s));
  return {
    title: 'requests',
    rows: [
      ['200 / 401 / 422 / 429', `${c(200)} / ${c(401)} / ${c(422)} / ${c(429)}`],
      ['500 / 503 / 504 / no answer', `${c(500)} / ${c(503)} / ${c(504)} / ${c(0)}`],
      ['rate-limit rejections (429): legitimate / attacker', `${o.legitRateLimited} / ${o.attackerRateLimited}`],
      ['availability since the failure', `${(100 * o.slo.availability()).toFixed(2)} %`],
      ['error budget burned (30 d, 99.9 %)', `${(100 * o.slo.burned(sim.now)).toFixed(2)} % (${SLO_IMPACTS[SLO_IMPACTS.indexOf(o.slo.impact(sim.now))]})`],
      ['alerts fired', [...o.firstFired.keys()].join(', ') || 'none'],
    ],
  };
}

export const firewallPanes = (v: FirewallView): PaneData[] => [fleetPane(v), requestsPane(v)];
