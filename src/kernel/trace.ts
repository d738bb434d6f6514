import { ChainedDigest } from './digest.js';
import type { Micros } from './time.js';
import type { TraceData } from './trace-data.js';
import type { EventMap, TypedTrace } from './trace-events.js';

export type { TraceData, TraceValue } from './trace-data.js';

/** One thing that happened: when, which component, what, and its details. */
export interface TraceRecord {
  readonly t: Micros;
  readonly source: string;
  readonly kind: string;
  readonly data?: TraceData;
}

/** Receives every record with its canonical JSON line and the chain digest after it. */
export interface TraceSink<R extends TraceRecord = TraceRecord> {
  record(rec: R, line: string, chain: string): void;
}

/**
 * The run's trace. Records are not kept here: sinks decide what to keep
 * (a file, the key events of a timeline), so a long run never holds its
 * whole trace in memory. The digest covers every record either way.
 */
export class Trace {
  count = 0;
  private readonly digest = new ChainedDigest();
  private readonly sinks: TraceSink[] = [];

  constructor(private readonly clock: { readonly now: Micros }) {}

  addSink(sink: TraceSink): void {
    this.sinks.push(sink);
  }

  emit(source: string, kind: string, data?: TraceData): void {
    const rec: TraceRecord = data === undefined ? { t: this.clock.now, source, kind } : { t: this.clock.now, source, kind, data };
    const line = JSON.stringify(rec);
    this.digest.update(line);
    this.count++;
    if (this.sinks.length === 0) return;
    const chain = this.digest.hex();
    for (const sink of this.sinks) sink.record(rec, line, chain);
  }

  /** This trace as one model's typed view: only its declared kinds and data type-check. */
  typed<E extends EventMap>(): TypedTrace<E> {
    return this as unknown as TypedTrace<E>;
  }

  get digestHex(): string {
    return this.digest.hex();
  }
}
