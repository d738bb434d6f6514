import { ms, type Simulation } from '../../src/scenario/index.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { BlueGreen } from '../../models/deploy/index.js';
import { ResilientCaller } from '../../models/resilience/resilient-caller.js';
import { createRetryPolicy } from '../../models/retry/index.js';
import type { PatternsParams } from './params.js';

export interface DeployWorld {
  readonly app: BlueGreen;
  readonly client: ResilientCaller;
}

const ignore = () => {};

/**
 * Seed 001's Failed Deployment: v1.0 on blue (3 instances) behind the
 * router, green idle; a `deploy` fault on `app` ships v1.1 (and a
 * migration); after the switch an error-rate analysis (5 % over 30 s, every
 * 10 s) rolls back to blue. Clients call through a ResilientCaller with the
 * system's retry switch and timeouts.
 */
export function buildDeployWorld(sim: Simulation, p: PatternsParams): DeployWorld {
  const app = new BlueGreen(sim, 'app', { replicas: 3, service: { workers: p.workers, serviceTimeMs: p.serviceTimeMs, queueLimit: p.queueLimit } });
  const retry = createRetryPolicy(p.retry, { baseMs: p.retryBaseMs, capMs: p.retryCapMs, maxAttempts: p.maxAttempts, exponentOffset: 1, capAppliesTo: 'delay' });
  const client = new ResilientCaller(sim, 'app', app, { retry }, {
    oneWayMs: p.oneWayMs, oneWaySdMs: p.oneWaySdMs, connectTimeoutMs: p.connectTimeoutMs, readTimeoutMs: p.readTimeoutMs, deadlineMs: p.deadlineMs, fallback: p.fallback,
  });
  startPoissonArrivals(sim, sim.rng('patterns/arrivals'), p.ratePerS, ms(p.durationMs), () => client.call(ignore));
  return { app, client };
}
