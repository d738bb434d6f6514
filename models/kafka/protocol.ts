import type { KafkaRecord } from './partition-log.js';

/**
 * The requests clients send the broker and its answers. A request is handled
 * where it lands (inside `Network.call`), so these are plain data: what goes
 * over the wire. Errors are strings named after Kafka's error codes; the
 * clients decide which are retriable.
 */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The broker machine answers but no Kafka process listens (RST). Retriable. */
export const CONNECTION_REFUSED = 'connection refused';
/** The broker died while the request was parked (long poll, pending join): the socket was reset. Retriable. */
export const DISCONNECTED = 'disconnected';
/** No answer within request.timeout.ms; the client drops the request (it may still have been applied). */
export const REQUEST_TIMED_OUT = 'Request timed out';
/** The record's delivery.timeout.ms ran out before an acknowledgement. */
export const DELIVERY_TIMEOUT = 'delivery timeout';
/** Group errors (Kafka: REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID). */
export const REBALANCE_IN_PROGRESS = 'rebalance-in-progress';
export const ILLEGAL_GENERATION = 'illegal-generation';
export const UNKNOWN_MEMBER = 'unknown-member';

/** Errors after which a client may simply try again (the broker is down or unreachable). */
export function isRetriable(error: string): boolean {
  return error === CONNECTION_REFUSED || error === DISCONNECTED || error === REQUEST_TIMED_OUT;
}

export interface ProduceRequest {
  readonly topic: string;
  readonly partition: number;
  /** Idempotent producers only: producer id and the sequence number of the batch's first record. */
  readonly producerId: number | null;
  readonly baseSequence: number;
  readonly records: readonly { readonly key: string; readonly value: string }[];
}

export interface ProduceResponse {
  readonly baseOffset: number;
  /** True when the broker recognised a retry of a batch it already had and appended nothing. */
  readonly duplicate: boolean;
}

export interface FetchRequest {
  readonly topic: string;
  /** Partition -> offset to read from, in the order the broker should serve them. */
  readonly positions: readonly (readonly [number, number])[];
  readonly maxRecords: number;
  /** Long poll: how long the broker may hold the request while there is nothing to return (fetch.max.wait.ms). */
  readonly maxWaitUs: number;
}

export interface JoinRequest {
  readonly groupId: string;
  readonly memberId: string;
  readonly topic: string;
  readonly sessionTimeoutUs: number;
  /** Classic protocol: the rebalance timeout is the member's max.poll.interval.ms [KAFKA-GRC]. */
  readonly rebalanceTimeoutUs: number;
  readonly strategy: AssignmentStrategy;
}

export interface JoinResponse {
  readonly generation: number;
  readonly assignment: readonly number[];
}

export type AssignmentStrategy = 'range' | 'roundrobin';

export type FetchResponse = readonly KafkaRecord[];
