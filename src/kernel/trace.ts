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

/**
 * Receives every record with its canonical JSON line and the chain digest
 * after it. The chain is computed only for a sink that declares the third
 * parameter (or a rest parameter), without a default value (which
 * `Function.length` would not count): a sink whose `record` takes one or
 * two parameters cannot read it, and formatting the chain as hex for every
 * record costs about 2% of a run that no one prints.
 */
export interface TraceSink<R extends TraceRecord = TraceRecord> {
  record(rec: R, line: string, chain: string): void;
}

/** Whether a sink may read the chain: `record.length` counts its declared parameters, 0 for a rest parameter. */
function readsChain(sink: TraceSink): boolean {
  const declared = sink.record.length;
  return declared === 0 || declared >= 3;
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
  /** Sinks that read the chain: while there are none, the digest stays two numbers until `digestHex` is read. */
  private chainReaders = 0;
  private readonly quotes = new Map<string, string>();

  constructor(private readonly clock: { readonly now: Micros }) {}

  addSink(sink: TraceSink): void {
    this.sinks.push(sink);
    if (readsChain(sink)) this.chainReaders++;
  }

  emit(source: string, kind: string, data?: TraceData): void {
    const t = this.clock.now;
    const rec: TraceRecord = data === undefined ? { t, source, kind } : { t, source, kind, data };
    // JSON.stringify(rec), written out: the same text for any finite t (the clock is one), a fifth cheaper.
    const head = `{"t":${t},"source":${this.quoted(source)},"kind":${this.quoted(kind)}`;
    const line = data === undefined ? `${head}}` : `${head},"data":${JSON.stringify(data)}}`;
    this.digest.update(line);
    this.count++;
    const sinks = this.sinks;
    if (sinks.length === 0) return;
    const chain = this.chainReaders === 0 ? '' : this.digest.hex();
    for (let i = 0; i < sinks.length; i++) sinks[i]!.record(rec, line, chain);
  }

  /** `JSON.stringify(text)`, kept for the few sources and kinds a run uses. */
  private quoted(text: string): string {
    let q = this.quotes.get(text);
    if (q === undefined) {
      q = JSON.stringify(text);
      if (this.quotes.size < 4096) this.quotes.set(text, q);
    }
    return q;
  }

  /** This trace as one model's typed view: only its declared kinds and data type-check. */
  typed<E extends EventMap>(): TypedTrace<E> {
    return this as unknown as TypedTrace<E>;
  }

  get digestHex(): string {
    return this.digest.hex();
  }
}
