import { isFaultRecord, type TraceRecord } from '../../src/scenario/index.js';

/** Key events: faults, degradations, breaker transitions, bulkhead episodes, crashes. Every record here is an episode, not a request. */
export function describePatterns(rec: TraceRecord): string | null {
  if (isFaultRecord(rec)) return `fault injected: ${rec.kind} ${rec.data.target}${rec.data.params ? ` ${rec.data.params}` : ''}`;
  const d = rec.data as Record<string, unknown> | undefined;
  if (rec.kind === 'transition' && d) return `${rec.source}: ${String(d['from'])} -> ${String(d['to'])}${d['reason'] ? ` (${String(d['reason'])})` : ''}`;
  const details = d === undefined ? '' : ' ' + Object.entries(d).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`).join(' ');
  return `${rec.source} ${rec.kind}${details}`;
}
