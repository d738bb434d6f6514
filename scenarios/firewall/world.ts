import { ms, sec, type Simulation } from '../../src/scenario/index.js';
import { Network } from '../../models/net/network.js';
import { GenericService } from '../../models/service/service.js';
import { NetworkPolicies } from '../../models/k8s/network-policy.js';
import { Deployment, type ReplicaFactory } from '../../models/k8s/deployment.js';
import { MetricsServer, containerScrapeTarget } from '../../models/k8s/metrics-server.js';
import { HpaController, type HpaScaleTarget } from '../../models/k8s/hpa-controller.js';
import type { HpaPod } from '../../models/k8s/hpa.js';
import { AuthGate } from '../../models/auth/auth-gate.js';
import { apiKeyStore } from '../../models/auth/api-key.js';
import { RateLimitGate } from '../../models/rate-limit/rate-limit-gate.js';
import { MigrationDatabase } from '../../models/schema/migration-database.js';
import { release } from '../../models/deploy/release.js';
import { startBruteForce } from '../../models/auth/brute-force.js';
import { IntegrityDatabase } from '../../models/integrity/integrity-database.js';
import { ApiPod } from './api-pod.js';
import { CiPipeline } from './ci.js';
import { registerIsolation } from './isolation.js';
import { Clients } from './clients.js';
import { FrontDoor } from './front-door.js';
import type { FirewallParams } from './params.js';
import { zeroCounters, type FirewallShared } from './shared.js';
import type { FirewallTemplate } from './template.js';

export interface FirewallWorld {
  readonly shared: FirewallShared;
  readonly deployment: Deployment<FirewallTemplate>;
  readonly pods: ApiPod[];
  readonly frontDoor: FrontDoor;
  readonly clients: Clients;
  readonly metricsServer: MetricsServer;
  readonly hpa: HpaController | null;
  readonly ci: CiPipeline;
  /** The external API breakers' states in the running pods. */
  breakers(): string[];
}

/** The release every pod runs at the start: schema 1, no defect. */
export const STABLE = release('v1.0', [1]);
export const STABLE_TEMPLATE: FirewallTemplate = { release: STABLE, badConfigField: null, leakPerRequestBytes: 0 };

function shared(sim: Simulation, p: FirewallParams): FirewallShared {
  const network = new Network(sim);
  const db = new GenericService(sim, 'db', { workers: p.dbMaxConnections, serviceTimeMs: p.dbQueryMs, serviceTimeDistribution: 'lognormal', serviceTimeCv: 0.5 });
  const external = new GenericService(sim, 'external-api', { workers: 500, serviceTimeMs: p.externalMs, serviceTimeDistribution: 'lognormal', serviceTimeCv: 0.5 });
  const labels = new Map<string, Record<string, string>>();
  const policies = new NetworkPolicies(sim, (name) => labels.get(name));
  const keys = Array.from({ length: p.clients }, (_, i) => `key-${i}`);
  const auth = new AuthGate(sim, 'auth', { apiKeys: apiKeyStore(keys), jwt: { leewayS: p.leewayS, require: ['exp'] } });
  const rateLimit = { ratePerMin: p.rateLimitPerMin, burst: p.rateLimitBurst };
  const sharedLimiter = p.rateLimiter === 'shared' ? new RateLimitGate(sim, 'ratelimit', { placement: 'shared', pods: 1, limit: rateLimit }) : null;
  return { sim, params: p, network, db, schema: new MigrationDatabase(1), external, policies, podLabels: labels, auth, rateLimit, sharedLimiter, counters: zeroCounters(),
    integrity: new IntegrityDatabase(sim, 'integrity', { checkPeriodMs: p.integrityCheckPeriodMs, onViolation: 'pitr', restoreRowsPerS: p.restoreRowsPerS, replayWritesPerS: p.restoreRowsPerS }) };
}

function hpaTarget(deployment: Deployment<FirewallTemplate>, pods: readonly ApiPod[], p: FirewallParams): HpaScaleTarget {
  return {
    replicas: () => deployment.replicas,
    scale: (n) => deployment.scale(n),
    pods: () => pods.filter((x) => !x.pod.removed).map((x): HpaPod => ({
      name: x.name, phase: x.pod.state === 'running' || x.pod.state === 'hung' ? 'Running' : 'Pending', deleting: x.pod.deleting,
      ready: x.pod.ready, readyTransitionUs: x.readySince, startTimeUs: x.createdAt, requestMillicores: p.cpuRequestMillicores,
    })),
  };
}

/** Wiring: the shared services, the Deployment and its pods, the Service, the HPA, the clients. */
export function buildFirewall(sim: Simulation, p: FirewallParams, template: FirewallTemplate = STABLE_TEMPLATE): FirewallWorld {
  const s = shared(sim, p);
  const pods: ApiPod[] = [];
  const frontDoor = new FrontDoor(sim, 1_000);
  const metricsServer = new MetricsServer(sim);
  const factory: ReplicaFactory<FirewallTemplate> = {
    create: (name, revision, t) => {
      const pod = new ApiPod(s, name, revision, t);
      pods.push(pod);
      frontDoor.add(pod);
      metricsServer.register(containerScrapeTarget(name, pod.cpu, pod.memory, () => pod.pod.serving));
      return pod;
    },
  };
  const deployment = new Deployment(sim, 'api', factory, template, {
    replicas: p.replicas, maxSurge: `${p.maxSurgePct}%`, maxUnavailable: `${p.maxUnavailablePct}%`, progressDeadlineSeconds: p.progressDeadlineMs / 1000,
  });
  const hpa = p.hpa === 'on'
    ? new HpaController(sim, 'api', hpaTarget(deployment, pods, p), metricsServer, { minReplicas: p.replicas, maxReplicas: p.maxReplicas, targetCpuUtilization: p.hpaTargetCpuPct })
    : null;
  const clients = new Clients(sim, (req) => frontDoor.send(req), {
    retries: p.clientRetries, timeoutMs: p.clientTimeoutMs, tokenLifetimeMs: p.tokenLifetimeMs, refresh: p.tokenRefresh, externalShare: p.externalShare,
    badPayloadShare: () => (sim.now >= ms(p.faultAtMs) ? p.badPayloadShare : 0),
  });
  startTraffic(sim, p, clients);
  const ci = new CiPipeline(sim, s, deployment, p);
  registerIsolation(sim, s.policies, p.mitigation === 'on');
  const breakers = () => pods.filter((x) => x.breaker !== null).map((x) => x.breaker!.state(sim.now));
  return { shared: s, deployment, pods, frontDoor, clients, metricsServer, hpa, breakers, ci };
}

/** Legitimate load (ramping during the incident when rampTo > 1), a greedy client, and the attacker. */
function startTraffic(sim: Simulation, p: FirewallParams, clients: Clients): void {
  const arrivals = sim.rng('clients/arrivals');
  const pick = sim.rng('clients/pick');
  const end = ms(p.durationMs);
  const rateAt = (t: number) => {
    const from = ms(p.faultAtMs), span = ms(p.faultForMs);
    const f = t <= from ? 0 : Math.min(1, (t - from) / span);
    return p.ratePerS * (1 + (p.rampTo - 1) * f);
  };
  const next = () => {
    if (sim.now > end) return;
    clients.request(`client-${Math.floor(pick.next() * p.clients)}`);
    sim.schedule(arrivals.exponential(sec(1 / rateAt(sim.now))), next);
  };
  sim.schedule(arrivals.exponential(sec(1 / rateAt(0))), next);
  if (p.greedyClientPerS > 0) {
    const greedy = sim.rng('clients/greedy');
    const stop = ms(p.faultAtMs + p.faultForMs);
    const tick = () => { if (sim.now > stop) return; clients.request('client-greedy'); sim.schedule(greedy.exponential(sec(1 / p.greedyClientPerS)), tick); };
    sim.schedule(ms(p.faultAtMs), tick);
  }
  if (p.bruteForcePerS > 0) {
    sim.schedule(ms(p.faultAtMs), () => startBruteForce(sim, (client, c) => clients.guess(client, c), ms(p.faultAtMs + p.faultForMs), { ratePerS: p.bruteForcePerS }));
  }
}
