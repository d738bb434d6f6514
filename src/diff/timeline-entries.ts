import { ChainedDigest } from '../kernel/digest.js';
import type { Comparable } from './first-divergence.js';
import type { ShownRecord } from './trace-entry.js';

export interface TimelineItem {
  readonly tMs: number;
  readonly source: string;
  readonly kind: string;
  readonly text: string;
}

export interface TimelineEntry extends Comparable {
  readonly shown: ShownRecord;
}

/**
 * A report's recorded timeline as comparable entries, chained with the
 * kernel's digest like trace records, so the same divergence finder serves
 * when a report can no longer be re-run to its full trace.
 */
export function timelineEntries(timeline: readonly TimelineItem[]): TimelineEntry[] {
  const digest = new ChainedDigest();
  return timeline.map((e, i) => {
    digest.update(JSON.stringify([e.tMs, e.source, e.kind, e.text]));
    return { record: i + 1, chain: digest.hex(), shown: { record: i + 1, tMs: e.tMs, source: e.source, kind: e.kind, text: e.text } };
  });
}
