import type { MetricInfo } from '../scenario/scenario.js';
import type { RunRecord } from '../sweep/run-record.js';
import { EXIT } from './cli.js';
import { checkMetricNames, metricNamesOf } from './metric-filter.js';
import { paletteFor, type Io } from './output.js';

export interface SummaryOutput {
  readonly scenario: string;
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
 * returns the exit code: 1 when a claim failed in any run.
 */
export async function printSummary(io: Io, records: readonly RunRecord[], o: SummaryOutput): Promise<number> {
  checkMetricNames(o.metrics, metricNamesOf(records), o.scenario);
  const { summarizeRuns, formatSummary, everyClaimHeld } = await import('../stats/index.js');
  const summary = summarizeRuns(records, {
    metricInfo: o.metricInfo,
    metrics: o.metrics,
    ...(o.incidentsPerYear === undefined ? {} : { incidentsPerYear: o.incidentsPerYear }),
  });
  io.out(o.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary, paletteFor(io, o.color)));
  return everyClaimHeld(summary.claims) ? EXIT.ok : EXIT.claimFailed;
}
