import type { RecordOf } from '../../src/kernel/trace-events.js';

/**
 * What an H2O cloud writes to the trace (source: the cloud's name, 'h2o' by
 * default). Membership is read from these: `formed` gives the cloud size over
 * time, `unhealthy`/`regained` the leader's view of each node's heartbeat.
 */
export type H2OCloudEvents = {
  'node-up': { node: string };
  'node-down': { node: string };
  /** The leader reached common knowledge [H2O-PAXOS]: members joined by '+'. */
  formed: { size: number; members: string };
  /** Paxos.lockCloud: from now on a new node is told to shut down. */
  locked: { size: number; reason: string };
  /** UDPRebooted.T.locked: `by` refused `node`, which then shuts down. */
  refused: { node: string; by: string };
  /** The leader has not heard from `node` for the heartbeat TIMEOUT (H2ONode.isHealthy false). */
  unhealthy: { node: string; lastHeardMs: number };
  regained: { node: string };
};
export type H2OCloudRecord = RecordOf<H2OCloudEvents>;

/** What a training job and the recovery block write (source: the job's name). */
export type H2OJobEvents = {
  'job-started': { attempt: number; size: number; chunks: number };
  'job-completed': { attempt: number; ms: number; dataFraction: number };
  /** The seed's claim, not H2O's behaviour: a model from the chunks that answered. */
  'job-partial': { attempt: number; ms: number; dataFraction: number; lost: string };
  'job-failed': { attempt: number; ms: number; reason: string; node: string };
  /** The seed's `except H2OConnectionError:` branch: restart cluster formation. */
  'cluster-restart': { attempt: number; restartMs: number };
  'gave-up': { attempts: number };
};
export type H2OJobRecord = RecordOf<H2OJobEvents>;
