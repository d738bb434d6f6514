import type { Simulation } from '../../src/scenario/index.js';
import type { CircuitBreaker } from '../../models/breaker/breaker.js';
import type { ResilientCaller } from '../../models/resilience/resilient-caller.js';
import type { GenericService } from '../../models/service/service.js';
import { buildCalls } from './calls-world.js';
import { buildDataWorld, type DataWorld } from './data-world.js';
import type { PatternsParams } from './params.js';
import type { PoolPath } from './pool-path.js';
import { buildPoolPath } from './pool-world.js';

/** One dependency with its caller: the dependency's name is also its fault target. */
export interface Dependency {
  readonly name: string;
  /** Fraction of the steady traffic that calls it. */
  readonly share: number;
  readonly service: GenericService;
  readonly caller: ResilientCaller;
  readonly breaker: CircuitBreaker | null;
}

/** The models of one topology; the others stay empty. */
export interface PatternsWorld {
  readonly dependencies: readonly Dependency[];
  /** topology=pool: the API's requests through the connection pool to the database. */
  readonly pool: PoolPath | null;
  /** topology=data: writes through the validation layers, and the reconciliation job. */
  readonly data: DataWorld | null;
}

/** Seed 001's gateway: Users, Orders and Search, with their thread pools (Max 50, 100, 25); the traffic mix is an ASSUMPTION. */
export const GATEWAY = [
  { name: 'users', share: 0.4, pool: 50 },
  { name: 'orders', share: 0.4, pool: 100 },
  { name: 'search', share: 0.2, pool: 25 },
] as const;

/** Wiring only, by topology (calls-world.ts, pool-world.ts, data-world.ts). */
export function buildPatterns(sim: Simulation, p: PatternsParams): PatternsWorld {
  if (p.topology === 'pool') return { dependencies: [], pool: buildPoolPath(sim, p), data: null };
  if (p.topology === 'data') return { dependencies: [], pool: null, data: buildDataWorld(sim, p) };
  return { dependencies: buildCalls(sim, p), pool: null, data: null };
}
