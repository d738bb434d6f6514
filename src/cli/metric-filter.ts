import { UsageError } from '../io/errors.js';

/**
 * Checks `--metric` names against what the scenario measures, before any
 * run when the scenario declares its metrics (metricInfo), otherwise
 * against the metrics its runs recorded.
 */
export function checkMetricNames(wanted: readonly string[], known: readonly string[], scenario: string): void {
  if (known.length === 0) return;
  const valid = new Set(known);
  const unknown = wanted.find((m) => !valid.has(m));
  if (unknown !== undefined) {
    throw new UsageError(`--metric "${unknown}": not a metric of ${scenario} (valid: ${[...known].sort().join(', ')})`);
  }
}

/** The metric names a scenario declares, if it declares them. */
export function declaredMetrics(metricInfo: Readonly<Record<string, unknown>> | undefined): string[] {
  return metricInfo === undefined ? [] : Object.keys(metricInfo);
}

/** The metric names the runs recorded (the first run's: every run of a scenario records the same). */
export function metricNamesOf(records: readonly { readonly metrics: Readonly<Record<string, unknown>> }[]): string[] {
  return records.length === 0 ? [] : Object.keys(records[0]!.metrics);
}
