/** Statistics over the runs of a sweep: pure functions of run records, no I/O. */
export { percentile, quantile, sortedCopy } from './quantile.js';
export { mean, sampleSd } from './moments.js';
export { tQuantile975, Z_975 } from './t-quantile.js';
export { meanCi95 } from './mean-ci.js';
export { wilson95, ruleOfThree } from './proportion.js';
export { nines } from './nines.js';
export type { Interval } from './interval.js';
export { summarizeMetric, type MetricSummary } from './metric-summary.js';
export { summarizeClaim, type ClaimSummary } from './claim-summary.js';
export { YEAR_MS, type AvailabilityEstimate, type PerYearEstimate, type NinesInterval } from './availability.js';
export { summarizeRuns, type SweepSummary, type SweepMetric, type SummarizeOptions, type MetricUnit } from './summary.js';
export { formatSummary, describeClaim } from './format-summary.js';
export { comparePaired, type Comparison, type PairedMetric, type PairedClaim, type CompareOptions } from './compare.js';
export { formatComparison } from './format-compare.js';
export { failureMatrix, type MatrixRow, type RateEstimate } from './matrix.js';
export { formatMatrix } from './format-matrix.js';
export { everyClaimHeld, everyRunHeldItsClaims, selectMetricNames } from './verdict.js';
