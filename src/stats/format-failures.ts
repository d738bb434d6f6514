import type { Palette } from '../report/palette.js';
import { FAILING_SEEDS_SHOWN } from './failing-seeds.js';
import { formatCount } from './format-stats.js';
import type { SweepSummary } from './summary.js';

/**
 * The sweep report's "failed runs" block: for each claim and invariant that
 * failed, in how many runs, and how to replay the first of them (their
 * `sim run` commands, or their seeds when no command was made).
 */
export function formatFailures(s: SweepSummary, p: Palette): string {
  const failures = s.failures ?? [];
  if (failures.length === 0) return '';
  const lines = [p.bold(`failed runs (first ${FAILING_SEEDS_SHOWN} seeds of each)`)];
  for (const f of failures) {
    lines.push(`  ${f.kind} ${JSON.stringify(f.name)}: ${p.red(`${formatCount(f.failedRuns)} of ${formatCount(f.runs)} runs`)}`);
    for (const line of f.replay ?? f.seeds.map((seed) => `seed ${seed}`)) lines.push(`    ${line}`);
  }
  return lines.join('\n');
}
