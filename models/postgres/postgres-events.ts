import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What a PostgreSQL server writes to the trace (source: the server's name). */
export type PostgresEvents = {
  'sync-standby': { standby: string | null };
  promoted: { timeline: number; lsn: number };
  demoted: { lsn: number; stop: 'fast' | 'immediate' };
  'pg-rewind': { to: string; discarded: number; lsn: number };
  following: { primary: string; lsn: number };
};
export type PostgresRecord = RecordOf<PostgresEvents>;
