import type { MetricInfo } from '../scenario/scenario.js';
import type { RunRecord } from '../records/run-record.js';
import { replayCommand } from '../report/replay.js';
import { EXIT } from './exit-codes.js';
import { checkMetricNames, metricNamesOf } from './metric-filter.js';
import { paletteFor, type Io } from './output.js';

export interface SummaryOutput {
  readonly scenario: string;
  /** The scenario as the user named it (an id or a module path), for the failing runs' replay commands. */
  readonly ref: string;
  /** The scenario's defaults: replay commands leave out parameters equal to them. */
  readonly defaults: Readonly<Record<string, unknown>> | undefined;
  readonly metricInfo: Readonly<Record<string, MetricInfo | undefined>> | undefined;
  /** `--metric`: only these; all when empty. */
  readonly metrics: readonly string[];
  readonly incidentsPerYear: number | undefined;
  readonly json: boolean;
  readonly color: boolean | undefined;
}

/**
 * Prints the summary of one sweep's runs (what `sim sweep` and `sim merge`
 * both print, so a merged sweep is byte for byte the unsplit one) and
 * returns the exit code: 1 when a claim failed or an invariant was violated
 * in any run (as `sim run`).
 */
export async function printSummary(io: Io, records: readonly RunRecord[], o: SummaryOutput): Promise<number> {
  checkMetricNames(o.metrics, metricNamesOf(records), o.scenario);
  const { summarizeRuns, formatSummary, sweepHeld } = await import('../stats/index.js');
  const params = records[0]?.params ?? {};
  const summary = summarizeRuns(records, {
    metricInfo: o.metricInfo,
    metrics: o.metrics,
    replay: (seed) => replayCommand({ scenario: o.ref, seed, params, defaults: o.defaults }),
    ...(o.incidentsPerYear === undefined ? {} : { incidentsPerYear: o.incidentsPerYear }),
  });
  io.out(o.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary, paletteFor(io, o.color)));
  return sweepHeld(summary.claims, summary.failures) ? EXIT.ok : EXIT.claimFailed;
}
