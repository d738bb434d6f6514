import type { MetricInfo } from '../scenario/scenario.js';
import type { RunRecord } from '../records/run-record.js';
import { availabilityFromPercent, perYearFromDowntime, type AvailabilityEstimate, type PerYearEstimate } from './availability.js';
import { summarizeClaim, type ClaimSummary } from './claim-summary.js';
import { failingSeeds, type FailingSeeds } from './failing-seeds.js';
import { summarizeMetric, type MetricSummary } from './metric-summary.js';
import { selectMetricNames } from './verdict.js';
import { byIndex, claimNames, claimTally, commonRun, metricNames, metricValues } from './records.js';
import { resampleStream } from './resample-stream.js';

export type MetricUnit = MetricInfo['unit'];

/** A metric's summary plus its unit when the scenario declared one (reports format by it). */
export type SweepMetric = MetricSummary & { readonly unit?: MetricUnit };

/**
 * What a sweep showed: one JSON-serialisable object whose fields are always
 * in this order, built only from the records (never from which worker or
 * shard ran them), so the same runs give the same bytes.
 */
export interface SweepSummary {
  readonly scenario: string;
  readonly runs: number;
  readonly seeds: { readonly first: number; readonly last: number };
  readonly params: Record<string, unknown>;
  readonly metrics: Record<string, SweepMetric>;
  readonly claims: Record<string, ClaimSummary>;
  /** Each claim and invariant that failed in some run, with its first failing seeds; absent when nothing failed. */
  readonly failures?: FailingSeeds[];
  /** Metrics in percent named `...AvailabilityPct`: the mean as nines. */
  readonly availability?: Record<string, AvailabilityEstimate>;
  /** Metrics in ms named `...DowntimeMs`, scaled by `incidentsPerYear`. */
  readonly perYear?: Record<string, PerYearEstimate>;
}

export interface SummarizeOptions {
  /** The scenario's metricInfo: units select the availability and per-year rows and format the text. */
  readonly metricInfo?: Readonly<Record<string, MetricInfo | undefined>>;
  /** How many times a year the run's incident is expected (for `perYear`). */
  readonly incidentsPerYear?: number;
  /** Only these metrics, in this order (`--metric`); all when absent or empty. */
  readonly metrics?: readonly string[];
  /** The command that replays the run of a seed; given, each failure lists its seeds' commands too. */
  readonly replay?: (seed: number) => string;
}

// Case-insensitive so `availabilityPct` matches as well as `readAvailabilityPct`.
const AVAILABILITY_RE = /availabilitypct$/i;
const DOWNTIME_RE = /downtimems$/i;

/** Summarizes the runs of one sweep (one scenario, one parameter set, many seeds). */
export function summarizeRuns(records: readonly RunRecord[], options: SummarizeOptions = {}): SweepSummary {
  const ipy = options.incidentsPerYear;
  if (ipy !== undefined && !(ipy >= 0 && ipy < Infinity)) throw new Error(`incidentsPerYear must be a non-negative number, got ${ipy}`);
  const sorted = byIndex(records);
  const { scenario, params } = commonRun(sorted);
  const info = options.metricInfo ?? {};

  // Built as entry lists and Object.fromEntries, which makes own properties
  // even of a metric named "__proto__"; assignment would not.
  const metricEntries = selectMetricNames(metricNames(sorted), options.metrics).map((name): [string, SweepMetric] => {
    const unit = info[name]?.unit;
    const m = summarizeMetric(metricValues(sorted, name), resampleStream(sorted, 'sweep', name));
    return [name, unit === undefined ? m : { ...m, unit }];
  });
  const claimEntries = claimNames(sorted).map((name): [string, ClaimSummary] => {
    const { passed, runs } = claimTally(sorted, name);
    return [name, summarizeClaim(passed, runs)];
  });

  const replay = options.replay;
  const failures = failingSeeds(sorted).map((f) => (replay === undefined ? f : { ...f, replay: f.seeds.map(replay) }));

  const availability: [string, AvailabilityEstimate][] = [];
  const perYear: [string, PerYearEstimate][] = [];
  for (const [name, m] of metricEntries) {
    const a = m.unit === 'percent' && AVAILABILITY_RE.test(name) ? availabilityFromPercent(m) : null;
    if (a !== null) availability.push([name, a]);
    const y = ipy !== undefined && m.unit === 'ms' && DOWNTIME_RE.test(name) ? perYearFromDowntime(m, ipy) : null;
    if (y !== null) perYear.push([name, y]);
  }

  return {
    scenario,
    runs: sorted.length,
    seeds: { first: sorted[0]!.seed, last: sorted[sorted.length - 1]!.seed },
    params,
    metrics: Object.fromEntries(metricEntries),
    claims: Object.fromEntries(claimEntries),
    ...(failures.length > 0 ? { failures } : {}),
    ...(availability.length > 0 ? { availability: Object.fromEntries(availability) } : {}),
    ...(perYear.length > 0 ? { perYear: Object.fromEntries(perYear) } : {}),
  };
}
