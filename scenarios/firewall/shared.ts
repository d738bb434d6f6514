import type { Simulation } from '../../src/scenario/index.js';
import type { Network } from '../../models/net/network.js';
import type { GenericService } from '../../models/service/service.js';
import type { NetworkPolicies } from '../../models/k8s/network-policy.js';
import type { AuthGate } from '../../models/auth/auth-gate.js';
import type { RateLimitGate } from '../../models/rate-limit/rate-limit-gate.js';
import type { RateLimitOptions } from '../../models/rate-limit/rate-limit-options.js';
import type { MigrationDatabase } from '../../models/schema/migration-database.js';
import type { IntegrityDatabase } from '../../models/integrity/integrity-database.js';
import type { FirewallParams } from './params.js';

/** Tallies the wiring keeps for the observers (state, not measurement). */
export interface FirewallCounters {
  breakerOpens: number;
  fallbackAnswers: number;
  externalFailures: number;
  startupFailures: number;
  oomKills: number;
  /** When the last OOM kill happened (µs; -1: never). */
  lastOomAt: number;
  containerRestarts: number;
}

export const zeroCounters = (): FirewallCounters => ({ breakerOpens: 0, fallbackAnswers: 0, externalFailures: 0, startupFailures: 0, oomKills: 0, lastOomAt: -1, containerRestarts: 0 });

/** What every pod of the firewall shares: the database, the external API, the auth gate, the policies. */
export interface FirewallShared {
  readonly sim: Simulation;
  readonly params: FirewallParams;
  readonly network: Network;
  /** PostgreSQL: a GenericService whose workers are its connections (faults: crash, restart, latency-spike, refuse). */
  readonly db: GenericService;
  /** The database's schema, as migrations leave it. */
  readonly schema: MigrationDatabase;
  readonly external: GenericService;
  readonly policies: NetworkPolicies;
  /** Each pod's labels, for the policies' selectors (the database and the external API have none: outside the namespace). */
  readonly podLabels: Map<string, Record<string, string>>;
  readonly auth: AuthGate;
  readonly rateLimit: RateLimitOptions;
  /** The fleet's one limiter when rateLimiter=shared. */
  readonly sharedLimiter: RateLimitGate | null;
  readonly counters: FirewallCounters;
  /** The governance tables with their foreign keys, the daily integrity check, backups and point-in-time recovery. */
  readonly integrity: IntegrityDatabase;
}
