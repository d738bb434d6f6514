import type { TimelineEntry } from '../runner/run-scenario.js';

/** Seconds of key events shown before and after a violation. */
const BEFORE_MS = 10_000;
const AFTER_MS = 30_000;

/**
 * The key events around a violation: from 10 s before it to 30 s after,
 * at most `limit` lines, and the count of those left out on either side.
 * Without a time (a check that could only look at the end of the run) the
 * story starts at the first fault.
 */
export function traceAround(timeline: readonly TimelineEntry[], atMs: number | undefined, firstFaultMs: number | undefined, limit = 30) {
  const centre = atMs ?? firstFaultMs ?? 0;
  const from = atMs === undefined ? centre - 1_000 : centre - BEFORE_MS;
  const to = centre + AFTER_MS;
  const inside = timeline.filter((e) => e.tMs >= from && e.tMs <= to);
  const shown = inside.slice(0, limit);
  const before = timeline.filter((e) => e.tMs < from).length;
  const after = timeline.length - before - shown.length;
  return { centre, shown, before, after };
}
