import { ChainedDigest } from './digest.js';
import type { Micros } from './time.js';

export type TraceValue = string | number | boolean | null | readonly (string | number)[];
export type TraceData = Readonly<Record<string, TraceValue>>;

/** One thing that happened: when, which component, what, and its details. */
export interface TraceRecord {
  readonly t: Micros;
  readonly source: string;
  readonly kind: string;
  readonly data?: TraceData;
}

/** Receives every record with its canonical JSON line and the chain digest after it. */
export interface TraceSink {
  record(rec: TraceRecord, line: string, chain: string): void;
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

  get digestHex(): string {
    return this.digest.hex();
  }
}
