import { isFaultRecord } from '../kernel/trace-events.js';
import type { TraceRecord } from '../kernel/trace.js';

/**
 * A plain timeline line for any record, for a system whose records are all
 * episodes worth a line: a fault as "fault injected: kind target", anything
 * else as "source kind {data}".
 */
export function recordLine(rec: TraceRecord): string {
  if (isFaultRecord(rec)) return `fault injected: ${rec.kind} ${rec.data.target}`;
  return `${rec.source} ${rec.kind}${rec.data ? ' ' + JSON.stringify(rec.data) : ''}`;
}
