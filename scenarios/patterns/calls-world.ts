import { ms, type Simulation } from '../../src/scenario/index.js';
import { createBreaker } from '../../models/breaker/breaker-switch.js';
import { traceBreaker } from '../../models/breaker/traced-breaker.js';
import { createRetryBudget, createRetryPolicy } from '../../models/retry/index.js';
import { ResilientCaller } from '../../models/resilience/resilient-caller.js';
import type { CallGate } from '../../models/resilience/call-result.js';
import { GenericService } from '../../models/service/service.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { gatewayGates, singleGate } from './gates.js';
import type { PatternsParams } from './params.js';
import { GATEWAY, type Dependency } from './dependency.js';

/** topology single or gateway: the dependencies, their callers with the switched-on patterns, and the clients. */
export function buildCalls(sim: Simulation, p: PatternsParams): Dependency[] {
  const specs = p.topology === 'single' ? [{ name: 'dependency', share: 1, pool: 0 }] : GATEWAY;
  const gates: readonly (CallGate | null)[] = p.topology === 'single' ? [singleGate(sim, p)] : gatewayGates(sim, p, GATEWAY);
  const dependencies = specs.map((spec, i) => {
    const service = new GenericService(sim, spec.name, {
      workers: p.workers, serviceTimeMs: p.serviceTimeMs, queueLimit: p.queueLimit, optimisticConcurrency: p.contention === 'occ',
      memoryPerRequestBytes: memoryPerRequest(p), baseMemoryBytes: p.baseMemoryBytes, memoryLimitBytes: p.memoryLimitBytes,
    });
    const made = createBreaker(p.breaker, p.breakerOpenMs === undefined ? {} : { openMs: p.breakerOpenMs }, sim.now);
    const breaker = made && traceBreaker(sim, `breaker/${spec.name}`, made);
    // Seed 001's counting: the first retry waits around base * 2 (100-200 ms), as in Brooker's simulator; the cap bites the delay.
    const retry = createRetryPolicy(p.retry, { baseMs: p.retryBaseMs, capMs: p.retryCapMs, maxAttempts: p.maxAttempts, exponentOffset: 1, capAppliesTo: 'delay' });
    const caller = new ResilientCaller(sim, spec.name, service, { retry, budget: createRetryBudget(p.budget, { start: sim.now }), breaker, bulkhead: gates[i] ?? null }, {
      oneWayMs: p.oneWayMs, oneWaySdMs: p.oneWaySdMs, connectTimeoutMs: p.connectTimeoutMs, readTimeoutMs: p.readTimeoutMs, deadlineMs: p.deadlineMs, fallback: p.fallback,
    });
    return { name: spec.name, share: spec.share, service, caller, breaker };
  });
  startClients(sim, p, dependencies);
  return dependencies;
}

/** What one request holds while it runs (seed 001, Memory Exhaustion: pagination and streaming as the mitigations). */
export function memoryPerRequest(p: PatternsParams): number {
  if (p.resultRows === 0) return 0;
  if (p.resultSet === 'whole') return p.resultRows * p.rowBytes;
  if (p.resultSet === 'paginated') return Math.min(p.resultRows, p.pageRows) * p.rowBytes;
  return Math.min(p.resultRows * p.rowBytes, p.streamBufferBytes);
}

const ignore = () => {};

/** Steady open-loop traffic split by share, and a burst of one-call clients. */
function startClients(sim: Simulation, p: PatternsParams, deps: readonly Dependency[]): void {
  const mix = sim.rng('patterns/mix');
  startPoissonArrivals(sim, sim.rng('patterns/arrivals'), p.ratePerS, ms(p.durationMs), () => {
    let u = deps.length > 1 ? mix.next() : 0, i = 0;
    while (i < deps.length - 1 && u >= deps[i]!.share) u -= deps[i++]!.share;
    deps[i]!.caller.call(ignore);
  });
  const spread = sim.rng('patterns/burst');
  for (let c = 0; c < p.clients; c++) {
    const d = deps[c % deps.length]!;
    sim.schedule(Math.round(spread.uniform(0, p.clientSpreadMs * 1000)), () => d.caller.call(ignore));
  }
}
