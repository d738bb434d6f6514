import type { Interval } from './interval.js';
import { finiteOrNull, type MetricSummary } from './metric-summary.js';
import { nines } from './nines.js';

/** A Julian year (365.25 days) in ms: the year "nines" tables use (5 nines = 5.26 min/year). */
export const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Nines bounds; null is unbounded (availability 1 at that end: no downtime). */
export type NinesInterval = readonly [lo: number | null, hi: number | null];

/** A mean availability as a fraction and as nines, each with its 95% interval. */
export interface AvailabilityEstimate {
  readonly availability: number;
  readonly ci95: Interval | null;
  readonly nines: number | null;
  readonly ninesCi95: NinesInterval | null;
}

/** Expected downtime per year from a per-incident downtime and an incident rate, and the availability that implies. */
export interface PerYearEstimate {
  readonly incidentsPerYear: number;
  readonly downtimeMsPerYear: number;
  readonly downtimeMsPerYearCi95: Interval | null;
  readonly availability: number;
  readonly availabilityCi95: Interval | null;
  readonly nines: number | null;
  readonly ninesCi95: NinesInterval | null;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const ninesOrNull = (a: number) => finiteOrNull(nines(a));

/** Nines are monotone in availability, so the interval maps end to end. */
function ninesInterval(ci: Interval | null): NinesInterval | null {
  return ci === null ? null : [ninesOrNull(ci[0]), ninesOrNull(ci[1])];
}

/**
 * From a metric in percent (e.g. `readAvailabilityPct`). The interval is
 * the mean's, clamped to [0, 100]%: an interval of a mean can poke past
 * 100% when almost every run is at 100%, and availability cannot.
 */
export function availabilityFromPercent(m: MetricSummary): AvailabilityEstimate | null {
  if (m.mean === null) return null;
  const a = clamp01(m.mean / 100);
  const ci: Interval | null = m.ci95 === null ? null : [clamp01(m.ci95[0] / 100), clamp01(m.ci95[1] / 100)];
  return { availability: a, ci95: ci, nines: ninesOrNull(a), ninesCi95: ninesInterval(ci) };
}

/**
 * Per-incident downtime (ms) scaled to a year: incidentsPerYear x mean
 * downtime, availability 1 - downtime / year. The interval carries only the
 * uncertainty of the mean downtime; the incident rate is the user's
 * assumption, taken as exact. A negative lower end (possible for a skewed
 * metric over few runs) is clamped to 0 ms.
 */
export function perYearFromDowntime(m: MetricSummary, incidentsPerYear: number): PerYearEstimate | null {
  if (m.mean === null) return null;
  const down = incidentsPerYear * m.mean;
  const downCi: Interval | null = m.ci95 === null ? null : [Math.max(0, incidentsPerYear * m.ci95[0]), Math.max(0, incidentsPerYear * m.ci95[1])];
  const a = clamp01(1 - down / YEAR_MS);
  // More downtime is less availability: the interval's ends swap.
  const aCi: Interval | null = downCi === null ? null : [clamp01(1 - downCi[1] / YEAR_MS), clamp01(1 - downCi[0] / YEAR_MS)];
  return {
    incidentsPerYear,
    downtimeMsPerYear: down,
    downtimeMsPerYearCi95: downCi,
    availability: a,
    availabilityCi95: aCi,
    nines: ninesOrNull(a),
    ninesCi95: ninesInterval(aCi),
  };
}
