/**
 * One partition's log: an append-only sequence of records whose offsets count
 * up from 0 without gaps. With replication factor 1 the high watermark equals
 * the log end, so every appended record is visible to consumers at once
 * (consumers only ever see records below the high watermark [KAFKA-DESIGN]).
 * No retention: nothing is deleted during a run, so the log start stays 0.
 */
export interface KafkaRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: string;
}

export class PartitionLog {
  private readonly log: KafkaRecord[] = [];

  constructor(readonly topic: string, readonly partition: number) {}

  /** The offset the next appended record gets (the log-end offset). */
  get endOffset(): number {
    return this.log.length;
  }

  get records(): readonly KafkaRecord[] {
    return this.log;
  }

  /** Appends records in order; returns the offset of the first. */
  append(entries: readonly { readonly key: string; readonly value: string }[]): number {
    const base = this.log.length;
    for (const e of entries) this.log.push({ topic: this.topic, partition: this.partition, offset: this.log.length, key: e.key, value: e.value });
    return base;
  }

  /** Appends to `out` up to `max` records from `offset` on; none if `offset` is at or past the end. */
  readInto(offset: number, max: number, out: KafkaRecord[]): void {
    if (offset < 0 || max <= 0) return;
    const end = Math.min(this.log.length, offset + max);
    for (let i = offset; i < end; i++) out.push(this.log[i]!);
  }
}
