import { ms, type Simulation } from '../../src/scenario/index.js';
import { startPoissonArrivals } from '../../models/client/workload.js';
import { QueuePool, SEED_001_POOL_YAML, fromSeedPoolYaml } from '../../models/pool/queue-pool.js';
import { GenericService } from '../../models/service/service.js';
import type { PatternsParams } from './params.js';
import { PoolPath } from './pool-path.js';

/**
 * The seed's pool YAML as SQLAlchemy reads it (pool_size 5, max_overflow
 * 10, timeout 30 s, recycle 3600 s, pre_ping), `prePing` switchable, in
 * front of a PostgreSQL-like database (100 connections, the server's
 * default max_connections) whose restart kills every open connection.
 */
export function buildPoolPath(sim: Simulation, p: PatternsParams): PoolPath {
  const { settings } = fromSeedPoolYaml(SEED_001_POOL_YAML);
  const pool = new QueuePool(sim, 'pool', { ...settings, prePing: p.prePing, connectMs: p.poolConnectMs, pingMs: p.poolPingMs });
  const database = new GenericService(sim, 'database', { workers: 100, serviceTimeMs: p.serviceTimeMs, queueLimit: p.queueLimit });
  // The stop kills every open connection. The pool's connects always succeed, so connections "opened"
  // while the database is down stand for the fresh connects a real pool makes once it is back; their
  // statements meanwhile are refused by the stopped database.
  database.whenStopped(() => pool.serverRestarted());
  const path = new PoolPath(sim, pool, database);
  startPoissonArrivals(sim, sim.rng('patterns/arrivals'), p.ratePerS, ms(p.durationMs), () => path.request());
  return path;
}
