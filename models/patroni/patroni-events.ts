import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What a Patroni agent writes to the trace (source: its pod's name). */
export type PatroniEvents = {
  'race-lost': undefined;
  'acquired-leader': { lsn: number };
  'race-skip': { reason: string };
  leader: { why: string };
  demote: { why: string };
  /** failsafe_mode: every member accepted POST /failsafe, the primary keeps running. */
  failsafe: { members: string[] };
  'failsafe-refused': { why: string };
  'failsafe-off': undefined;
};

/** The etcd pod as the Patroni cluster sees it (source: 'etcd'). */
export type EtcdPodEvents = {
  unavailable: undefined;
  'leader-elected': undefined;
};

/** The application's writes (source: 'app'). */
export type SqlWorkloadEvents = {
  'write-ok': { id: number };
  'write-failed': { id: number };
};

export type PatroniRecord = RecordOf<PatroniEvents & EtcdPodEvents & SqlWorkloadEvents>;
