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
 * after it. The line is built only for a sink that declares the second
 * parameter, the chain only for one that declares the third (or a rest
 * parameter, either way), without a default value (which `Function.length`
 * would not count): a sink whose `record` takes one parameter cannot read
 * the line, one with two cannot read the chain. No one printing them, the
 * digest takes the line's parts and neither string is made (together about
 * a tenth of a Scenario A run).
 */
export interface TraceSink<R extends TraceRecord = TraceRecord> {
  record(rec: R, line: string, chain: string): void;
}

/** Whether a sink may read the chain: `record.length` counts its declared parameters, 0 for a rest parameter. */
function readsChain(sink: TraceSink): boolean {
  const declared = sink.record.length;
  return declared === 0 || declared >= 3;
}

/** Whether a sink may read the line (a second parameter, or a rest parameter); the same rule as readsChain. */
function readsLine(sink: TraceSink): boolean {
  const declared = sink.record.length;
  return declared === 0 || declared >= 2;
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
  /** Sinks that read the line: while there are none, the digest takes the line's parts and the line is never built. */
  private lineReaders = 0;
  private readonly quotes = new Map<string, string>();

  constructor(private readonly clock: { readonly now: Micros }) {}

  addSink(sink: TraceSink): void {
    this.sinks.push(sink);
    if (readsChain(sink)) this.chainReaders++;
    if (readsLine(sink)) this.lineReaders++;
  }

  emit(source: string, kind: string, data?: TraceData): void {
    const t = this.clock.now;
    const body = data === undefined ? undefined : JSON.stringify(data);
    let line = '';
    if (this.lineReaders > 0) {
      line = this.line(t, source, kind, body);
      this.digest.update(line);
    } else this.digestParts(t, source, kind, body);
    this.count++;
    const sinks = this.sinks;
    if (sinks.length === 0) return;
    const rec: TraceRecord = data === undefined ? { t, source, kind } : { t, source, kind, data };
    const chain = this.chainReaders === 0 ? '' : this.digest.hex();
    for (let i = 0; i < sinks.length; i++) sinks[i]!.record(rec, line, chain);
  }

  /** The record's canonical line: JSON.stringify(rec), written out (the same text for any finite t, the clock being one). */
  private line(t: Micros, source: string, kind: string, body: string | undefined): string {
    const head = `{"t":${t},"source":${this.quoted(source)},"kind":${this.quoted(kind)}`;
    return body === undefined ? `${head}}` : `${head},"data":${body}}`;
  }

  /** Folds the line's text into the digest part by part: the same digest as `update(line)`, with no line built. */
  private digestParts(t: Micros, source: string, kind: string, body: string | undefined): void {
    const d = this.digest;
    d.fold('{"t":');
    if (Number.isSafeInteger(t) && t >= 0) d.foldUint(t);
    else d.fold(`${t}`);
    d.fold(',"source":');
    d.fold(this.quoted(source));
    d.fold(',"kind":');
    d.fold(this.quoted(kind));
    if (body !== undefined) {
      d.fold(',"data":');
      d.fold(body);
    }
    d.fold('}');
    d.endRecord();
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
