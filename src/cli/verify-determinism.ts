import { formatNumber } from '../report/format.js';
import type { DeterminismJson } from '../diff/schema.js';
import { formatDivergence } from '../diff/format-text.js';
import { showDivergence } from '../diff/shown-divergence.js';
import { showEntry } from '../diff/trace-entry.js';
import { differingKeys } from '../records/identity.js';
import { plainPalette, type Palette } from '../report/palette.js';
import type { RunResult } from '../runner/run-scenario.js';
import { compareRuns, type TracedRun } from './compare-runs.js';

/**
 * `sim run --verify-determinism`: runs the same scenario, seed, settings and
 * faults twice, one after the other in this process, and compares the two
 * traces record by record. The second run in the same process (rather than
 * in a fresh worker) is deliberate: it catches module-level state a run
 * leaves behind (a counter, a cache), which a fresh module graph would
 * reset, as well as Math.random and wall-clock reads. What it cannot catch
 * is a value drawn once when a module loads; two `sim run --trace` processes
 * and `sim diff` catch that.
 */
export async function verifyDeterminism(first: TracedRun, second: TracedRun, context: number): Promise<{ result: RunResult; determinism: DeterminismJson }> {
  const { first: a, second: b, outcome } = await compareRuns(first, second, context);
  const differentMetrics = differingKeys(a.metrics, b.metrics, Object.is);
  return {
    result: a,
    determinism: {
      identical: outcome.identical && differentMetrics.length === 0,
      secondDigest: b.digest,
      differentMetrics,
      divergence: outcome.identical ? null : showDivergence(outcome.divergence, showEntry),
    },
  };
}

/** The text section after the run's report. */
export function formatDeterminism(d: DeterminismJson, first: Pick<RunResult, 'digest' | 'traceRecords'>, p: Palette = plainPalette): string {
  if (d.identical) {
    return `${p.bold('determinism')}: ${p.green('verified')}, a second run gave the same ${formatNumber(first.traceRecords)} trace records (digest ${first.digest}) and metrics\n`;
  }
  const lines = [`${p.bold('determinism')}: ${p.red(p.bold('FAIL'))}, a second run of the same seed, settings and faults in this process differed`];
  if (d.divergence !== null) lines.push(...formatDivergence(d.divergence, { a: 'run 1', b: 'run 2' }, p));
  lines.push(`  digests: run 1 ${first.digest}, run 2 ${d.secondDigest}`);
  if (d.differentMetrics.length > 0) lines.push(`  metrics that differ: ${d.differentMetrics.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
