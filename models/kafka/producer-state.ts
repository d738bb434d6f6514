/**
 * What an idempotent producer's broker remembers per (producer id, topic,
 * partition): the last few batches it appended, by first sequence number, with
 * the offset each got. A retried batch whose sequence is among them is not
 * appended again; the broker answers with the original offset. Kafka keeps
 * the last 5 batches, matching max.in.flight.requests.per.connection <= 5
 * [KAFKA-PC]. The table is rebuilt from the log after a broker restart in
 * Kafka, so here it simply survives a crash.
 *
 * Not modelled: out-of-order sequence checks and producer epochs. Our
 * producer keeps one batch per partition in flight, so a sequence can only
 * repeat the last batch or move past it.
 */
const BATCHES_REMEMBERED = 5;

interface BatchEntry {
  readonly baseSequence: number;
  readonly baseOffset: number;
}

export class ProducerStateTable {
  private readonly batches = new Map<string, BatchEntry[]>();

  /** The offset the batch got the first time, or null if it is new. */
  duplicateOf(producerId: number, topic: string, partition: number, baseSequence: number): number | null {
    const seen = this.batches.get(key(producerId, topic, partition));
    return seen?.find((b) => b.baseSequence === baseSequence)?.baseOffset ?? null;
  }

  remember(producerId: number, topic: string, partition: number, baseSequence: number, baseOffset: number): void {
    const k = key(producerId, topic, partition);
    let seen = this.batches.get(k);
    if (!seen) this.batches.set(k, (seen = []));
    seen.push({ baseSequence, baseOffset });
    if (seen.length > BATCHES_REMEMBERED) seen.shift();
  }
}

function key(producerId: number, topic: string, partition: number): string {
  return `${producerId}/${topic}/${partition}`;
}
