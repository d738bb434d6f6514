import type { Simulation } from '../../src/scenario/index.js';
import { SemaphoreBulkhead } from '../../models/bulkhead/semaphore-bulkhead.js';
import type { CallGate } from '../../models/resilience/call-result.js';
import type { PatternsParams } from './params.js';

/** One dependency: bulkhead=on puts its calls behind resilience4j's semaphore bulkhead as shipped (25 calls, no wait). */
export function singleGate(sim: Simulation, p: PatternsParams): CallGate | null {
  return p.bulkhead === 'on' ? new SemaphoreBulkhead(sim, 'bulkhead/dependency') : null;
}

/**
 * The gateway's threads: bulkhead=on gives each downstream its own pool
 * (seed 001: Users 50, Orders 100, Search 25); off, every call takes a
 * thread from one shared pool of the same total, as a gateway with a single
 * request thread pool does. Either way a full pool rejects at once.
 */
export function gatewayGates(sim: Simulation, p: PatternsParams, downstreams: readonly { readonly name: string; readonly pool: number }[]): CallGate[] {
  if (p.bulkhead === 'on') return downstreams.map((d) => new SemaphoreBulkhead(sim, `bulkhead/${d.name}`, { maxConcurrentCalls: d.pool }));
  const shared = new SemaphoreBulkhead(sim, 'bulkhead/gateway', { maxConcurrentCalls: downstreams.reduce((a, d) => a + d.pool, 0) });
  return downstreams.map(() => shared);
}
