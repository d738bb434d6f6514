import type { RecordOf } from '../../src/kernel/trace-events.js';

/**
 * The transactional outbox's trace events, one map for its five parts
 * (source: the part's name). Episodes only, never one record per message:
 * a run of a million events keeps a trace a reader can follow.
 */
export type OutboxEvents = {
  /** The database went down; `lostTx`: transactions in flight, rolled back whole (data and outbox row alike). */
  'db-down': { cause: string; lostTx: number };
  'db-up': undefined;
  /** The broker process went down; `undelivered`: accepted messages still to reach subscribers (kept: its log is durable). */
  'broker-down': { cause: string; undelivered: number };
  'broker-up': undefined;
  /** A loss fault began (`lose`: acknowledged then dropped; `lose-unacked`: dropped, never answered). */
  'lose-start': { kind: string; rate: number };
  /** It ended; `dropped`: messages it took. */
  'lose-end': { kind: string; dropped: number };
  /** The relay died; `unmarked`: rows it had published (or was publishing) but not marked sent: each is published again. */
  'relay-crash': { cause: string; unmarked: number };
  'relay-up': undefined;
  /** A poll found at least `backlogAlertRows` unsent rows (once per episode). */
  backlog: { rows: number };
  /** A later poll found no more than one batch left; `peakRows`: the most a poll saw in between. */
  'backlog-cleared': { peakRows: number; afterMs: number };
  /** The producer died; `inTx`: its transactions still open (they commit or not on their own; direct mode never publishes them). */
  'producer-crash': { cause: string; inTx: number };
  'producer-up': undefined;
  /** Direct mode: the first publish to fail after one that worked; the events are lost from here. */
  'publish-failing': { error: string };
  /** Direct mode: the first publish to work again; `failed`: events lost in between. */
  'publish-recovered': { failed: number; afterMs: number };
  /** The consumer died; `unacked`: messages it held that the broker will hand it again. */
  'consumer-crash': { cause: string; unacked: number };
  'consumer-up': undefined;
};
export type OutboxRecord = RecordOf<OutboxEvents>;
