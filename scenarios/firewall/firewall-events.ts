import type { RecordOf } from '../../src/scenario/index.js';

/** The firewall wiring's own trace events (source: the pod, or `ci`). */
export type FirewallEvents = {
  /** A container start failed its fail-fast checks (configuration, schema version) or crashed. */
  'startup-failed': { reason: string };
  /** A pod's database connections broke; it reconnects with the seed's back-off. */
  'db-disconnected': Record<string, never>;
  'db-reconnected': { attempts: number };
  /** The CI pipeline ran `kubectl rollout undo`. */
  rollback: { reason: string };
};
export type FirewallRecord = RecordOf<FirewallEvents>;
