import type { Simulation } from '../../src/scenario/index.js';
import { SemaphoreBulkhead } from '../../models/bulkhead/semaphore-bulkhead.js';
import { ThreadPoolBulkhead } from '../../models/bulkhead/thread-pool-bulkhead.js';
import type { CallGate } from '../../models/resilience/call-result.js';
import type { PatternsParams } from './params.js';

/** One dependency: bulkhead=on puts its calls behind resilience4j's semaphore bulkhead as shipped (25 calls, no wait). */
export function singleGate(sim: Simulation, p: PatternsParams): CallGate | null {
  return p.bulkhead === 'on' ? new SemaphoreBulkhead(sim, 'bulkhead/dependency') : null;
}

/** A resilience4j ThreadPoolBulkhead as a gate: a try starts when a thread takes it, and gives the thread back when it ends. */
class ThreadPoolGate implements CallGate {
  constructor(private readonly pool: ThreadPoolBulkhead) {}
  acquire<A>(granted: (arg: A) => void, rejected: (error: string, arg: A) => void, arg: A): void {
    this.pool.submit(granted, rejected, arg);
  }
  release(): void {
    this.pool.done();
  }
}

/** A pool of `threads` for the gateway, of the kind `bulkheadType` names. */
function gatewayPool(sim: Simulation, p: PatternsParams, name: string, threads: number): CallGate {
  if (p.bulkheadType === 'semaphore') return new SemaphoreBulkhead(sim, name, { maxConcurrentCalls: threads });
  // The seed's "Thread Pool ... Max: N": N threads from the start (core = max), resilience4j's queue of 100 in front.
  return new ThreadPoolGate(new ThreadPoolBulkhead(sim, name, { coreThreadPoolSize: threads, maxThreadPoolSize: threads, queueCapacity: 100 }));
}

/**
 * The gateway's threads: bulkhead=on gives each downstream its own pool
 * (seed 001: Users 50, Orders 100, Search 25); off, every call takes a
 * thread from one shared pool of the same total, as a gateway with a single
 * request thread pool does. A thread pool queues up to 100 calls before it
 * rejects; a semaphore (`bulkheadType=semaphore`) rejects at once.
 */
export function gatewayGates(sim: Simulation, p: PatternsParams, downstreams: readonly { readonly name: string; readonly pool: number }[]): CallGate[] {
  if (p.bulkhead === 'on') return downstreams.map((d) => gatewayPool(sim, p, `bulkhead/${d.name}`, d.pool));
  const shared = gatewayPool(sim, p, 'bulkhead/gateway', downstreams.reduce((a, d) => a + d.pool, 0));
  return downstreams.map(() => shared);
}
