import type { Simulation } from '../../src/scenario/index.js';
import { buildCalls } from './calls-world.js';
import type { Dependency } from './dependency.js';
import { buildDataWorld, type DataWorld } from './data-world.js';
import { buildOutboxWorld, type OutboxWorld } from './outbox-world.js';
import { buildDeployWorld, type DeployWorld } from './deploy-world.js';
import type { PatternsParams } from './params.js';
import type { PoolPath } from './pool-path.js';
import { buildPoolPath } from './pool-world.js';

export { GATEWAY, type Dependency } from './dependency.js';

/** The models of one topology; the others stay empty. */
export interface PatternsWorld {
  readonly dependencies: readonly Dependency[];
  /** topology=pool: the API's requests through the connection pool to the database. */
  readonly pool: PoolPath | null;
  /** topology=data: writes through the validation layers, and the reconciliation job. */
  readonly data: DataWorld | null;
  /** topology=outbox: Service A, its database, the broker, the relay and the consumer. */
  readonly outbox: OutboxWorld | null;
  /** topology=deploy: the blue-green pair and its clients. */
  readonly deploy: DeployWorld | null;
}

/** Wiring only, by topology (calls-world.ts, pool-world.ts, data-world.ts, outbox-world.ts, deploy-world.ts). */
export function buildPatterns(sim: Simulation, p: PatternsParams): PatternsWorld {
  const none = { dependencies: [], pool: null, data: null, outbox: null, deploy: null };
  if (p.topology === 'pool') return { ...none, pool: buildPoolPath(sim, p) };
  if (p.topology === 'data') return { ...none, data: buildDataWorld(sim, p) };
  if (p.topology === 'outbox') return { ...none, outbox: buildOutboxWorld(sim, p) };
  if (p.topology === 'deploy') return { ...none, deploy: buildDeployWorld(sim, p) };
  return { ...none, dependencies: buildCalls(sim, p) };
}
