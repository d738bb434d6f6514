import { isFaultRecord } from '../../src/scenario/index.js';
import type { FluxGateRecord } from './records.js';

/** Per-request records that would drown the timeline; metrics count them. */
const QUIET = new Set<FluxGateRecord['kind']>(['reply', 'give-up', 'sold-out-in-db', 'sold-out', 'timeouts', 'evicted', 'oom', 'commit-failed']);

/** Key events: faults, component state changes, rebalances, inconsistencies. */
export function describeFlux(rec: FluxGateRecord): string | null {
  if (QUIET.has(rec.kind)) return null;
  if (isFaultRecord(rec)) return `fault injected: ${rec.kind} ${rec.data.target}${rec.data.params ? ` ${rec.data.params}` : ''}`;
  const d = rec.data;
  const details = d === undefined ? '' : ' ' + Object.entries(d).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : v}`).join(' ');
  return `${rec.kind}${details}`;
}

