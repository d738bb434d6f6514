/**
 * One event as the outbox row, the broker and the consumer carry it. `id` is
 * the data row's key, taken from the database's sequence when the
 * transaction begins (so a rolled-back transaction leaves a gap, as a
 * PostgreSQL sequence does); the consumer's deduplication key.
 */
export interface OutboxMessage {
  readonly id: number;
  /** The producer that wrote it. */
  readonly producer: string;
}
