import type { TraceData, TraceRecord } from '../kernel/trace.js';

/**
 * One trace record as two runs are compared: its 1-based number (the line
 * of a `--trace` file), the chain digest after it, and the kernel's
 * canonical JSON line. Entries are compared by chain alone: equal chains
 * at record n mean equal traces up to n. The line is decoded only for the
 * few records a divergence report shows.
 */
export interface TraceEntry {
  readonly record: number;
  readonly chain: string;
  readonly line: string;
}

/** A trace file line ends with the chain the TraceFileSink appended: `,"chain":"<16 hex>"}`. */
const CHAIN_SUFFIX = /,"chain":"([0-9a-f]{16})"\}$/;
const SUFFIX_LENGTH = ',"chain":"'.length + 16 + '"}'.length;

/** The entry of one `--trace` line, or null if the line is not one the TraceFileSink writes. */
export function entryFromTraceLine(text: string, record: number): TraceEntry | null {
  const m = CHAIN_SUFFIX.exec(text);
  if (m === null || !text.startsWith('{"t":')) return null;
  return { record, chain: m[1]!, line: `${text.slice(0, -SUFFIX_LENGTH)}}` };
}

/** A record as a report shows it: time in ms, as the run's timeline does. */
export interface ShownRecord {
  readonly record: number;
  readonly tMs: number;
  readonly source: string;
  readonly kind: string;
  readonly data?: TraceData;
  /** A timeline entry's text (when timelines are compared instead of traces). */
  readonly text?: string;
}

export function showEntry(entry: TraceEntry): ShownRecord {
  const rec = JSON.parse(entry.line) as TraceRecord;
  const base = { record: entry.record, tMs: rec.t / 1000, source: rec.source, kind: rec.kind };
  return rec.data === undefined ? base : { ...base, data: rec.data };
}
