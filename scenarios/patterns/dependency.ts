import type { CircuitBreaker } from '../../models/breaker/breaker.js';
import type { ResilientCaller } from '../../models/resilience/resilient-caller.js';
import type { GenericService } from '../../models/service/service.js';

/** One dependency with its caller: the dependency's name is also its fault target. */
export interface Dependency {
  readonly name: string;
  /** Fraction of the steady traffic that calls it. */
  readonly share: number;
  readonly service: GenericService;
  readonly caller: ResilientCaller;
  readonly breaker: CircuitBreaker | null;
}

/** Seed 001's gateway: Users, Orders and Search, with their thread pools (Max 50, 100, 25); the traffic mix is an ASSUMPTION. */
export const GATEWAY = [
  { name: 'users', share: 0.4, pool: 50 },
  { name: 'orders', share: 0.4, pool: 100 },
  { name: 'search', share: 0.2, pool: 25 },
] as const;
