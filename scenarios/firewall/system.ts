import { defineSystem, recordLine } from '../../src/scenario/index.js';
import { firewallFaultSpace } from './fault-space.js';
import { replicasBounded } from './invariants/replicas-bounded.js';
import { servesAgain } from './invariants/serves-again.js';
import { FIREWALL_METRIC_INFO, firewallMetrics } from './metrics.js';
import { FirewallObserved } from './observers.js';
import { firewallPanes } from './panes.js';
import { firewallParams } from './params.js';
import { buildFirewall } from './world.js';

/**
 * Seed 004's AI mutation governance firewall on Kubernetes: API pods with
 * CPU and memory limits behind a Service and an HPA, PostgreSQL, API keys
 * and JWTs, a per-client rate limit, an external API behind a breaker, a
 * CI/CD pipeline with migrations. One scenario per failure of the
 * document, each measuring its SLO impact instead of assuming it.
 */
export const firewall = defineSystem({
  id: 'firewall',
  source: 'seeds/004_a1d9ae445125ec09.txt (Failure Mode Matrix: AI Mutation Governance Firewall)',
  params: firewallParams,
  durationMs: (p) => p.durationMs + 60_000,
  build: (sim, p) => buildFirewall(sim, p),
  observe: (world, sim, p) => new FirewallObserved(world, sim, p),
  metrics: firewallMetrics,
  metricInfo: FIREWALL_METRIC_INFO,
  timeline: recordLine,
  panes: firewallPanes,
  invariants: [servesAgain, replicasBounded],
  faultSpace: firewallFaultSpace,
});
