/**
 * How long a sweep's summary takes: summarizeRuns over synthetic runs with
 * 30 metrics of the shapes sweeps produce (10 continuous and skewed, 10
 * zero-inflated with events in 0.5% to 50% of runs, 10 small counts), so
 * the bootstrap-t intervals are timed where they cost the most.
 */
import { RandomStream } from '../src/kernel/rng.js';
import { summarizeRuns } from '../src/stats/summary.js';
import type { RunRecord } from '../src/records/run-record.js';
import { median, now, secondsSince, table } from './stats.js';

const TARGET_MS = 1000;
const EVENT_RATES = [0.005, 0.01, 0.02, 0.05, 0.08, 0.1, 0.2, 0.3, 0.4, 0.5];

function syntheticRuns(runs: number): RunRecord[] {
  const r = new RandomStream(1, 'bench/summary');
  return Array.from({ length: runs }, (_, index) => {
    const metrics: Record<string, number> = {};
    for (let j = 0; j < 10; j++) metrics[`continuous${j}`] = r.lognormal(1000, 0.3 + j * 0.1);
    EVENT_RATES.forEach((rate, j) => { metrics[`zeroInflated${j}`] = r.next() < rate ? r.exponential(500) : 0; });
    for (let j = 0; j < 10; j++) metrics[`count${j}`] = Math.floor(r.exponential(j + 1));
    return { scenario: 'bench', index, seed: 1 + index, params: {}, digest: '0000000000000000', metrics, claims: [] };
  });
}

export function benchSummary(runCounts: readonly number[], reps: number): void {
  console.log(`\n== 6. Sweep summary (summarizeRuns, 30 metrics, bootstrap-t intervals, ${reps} reps) ==`);
  const rows = runCounts.map((runs) => {
    const records = syntheticRuns(runs);
    summarizeRuns(records); // warm the JIT
    const ms: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = now();
      summarizeRuns(records);
      ms.push(secondsSince(t0) * 1000);
    }
    const m = median(ms);
    return [`${runs.toLocaleString('en-US')} runs`, `${m.toFixed(0)} ms`, `${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)} ms`, `<= ${TARGET_MS} ms: ${m <= TARGET_MS ? 'met' : 'MISSED'}`];
  });
  console.log(table(['summary of', 'median', 'range', 'target'], rows));
}
