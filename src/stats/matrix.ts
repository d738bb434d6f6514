import type { RunRecord } from '../records/run-record.js';
import type { DocumentedFailure } from '../scenario/scenario.js';
import { SLO_IMPACTS, type SloImpact } from '../scenario/slo-ledger.js';
import type { Interval } from './interval.js';
import { medianCi95 } from './median-ci.js';
import { ruleOfThree, wilson95 } from './proportion.js';
import { percentile, sortedCopy } from './quantile.js';
import { byIndex, commonRun } from './records.js';

/** How often something happened over the runs that measured it, with its Wilson interval, and the rule-of-three bound when it never did. */
export interface RateEstimate {
  readonly count: number;
  readonly runs: number;
  readonly rate: number;
  readonly wilson95: Interval;
  readonly ruleOfThreeBound?: number;
}

/**
 * One failure of the document's Failure Recovery Matrix, measured over a
 * sweep. Each column is null when the scenario does not measure it.
 */
export interface MatrixRow {
  readonly id: string;
  readonly title: string;
  readonly runs: number;
  /** Runs where `metric` > 0: accepted orders (flux) or acknowledged writes (Patroni) missing after the run. */
  readonly dataLoss: (RateEstimate & { readonly metric: string }) | null;
  /** Runs that ended consistent with no operator step (manualStepNeeded == 0). */
  readonly autoRecover: RateEstimate | null;
  /** Runs that needed an operator step (manualStepNeeded == 1). */
  readonly manualAction: RateEstimate | null;
  /**
   * Percentiles of the downtime metric per run. A run where it is null
   * (NaN: errors never stopped before the horizon) counts as not
   * recovered: it ranks above every finite value, and a percentile that
   * lands on it is null.
   */
  readonly downtime: { readonly metric: string; readonly n: number; readonly unrecovered: number; readonly p50: number | null; readonly p99: number | null } | null;
  /** The SLO impact measured per run (metric sloImpactLevel), beside the one the document states; null when not measured. */
  readonly slo: SloMeasure | null;
  /** What the document says of this failure, when the scenario records it. */
  readonly documented: DocumentedFailure | null;
  /** Its Recovery Time Objectives row as measured (metrics detectionMs, recoveryMs, dataLost); null when not measured. */
  readonly rto: RtoMeasure | null;
}

/** Median of a time over the runs that measured it, with a distribution-free 95 % interval. */
export interface MedianEstimate {
  readonly n: number;
  readonly p50: number;
  readonly ci95: Interval | null;
}

export interface RtoMeasure {
  readonly detection: MedianEstimate | null;
  readonly recovery: MedianEstimate | null;
  /** Runs where dataLost > 0. */
  readonly dataLost: RateEstimate | null;
}

export interface SloMeasure {
  readonly stated: SloImpact | null;
  /** Runs per measured grade, None to High. */
  readonly runsByGrade: readonly number[];
  /** The grade most runs measured (the higher one on a tie). */
  readonly modal: SloImpact;
  /** Median share of the error budget burned, in percent (metric budgetBurnedPct). */
  readonly budgetBurnedP50: number | null;
}

/** Metric names per column, first one present wins (flux, then Patroni). */
const DATA_LOSS = ['acceptedOrdersLost', 'ackedWritesLost', 'writesLostByRestore'];
const DOWNTIME = ['timeToRecoverMs', 'writeDowntimeMs'];
const MANUAL = 'manualStepNeeded';

const has = (sorted: readonly RunRecord[], name: string) => sorted.some((r) => name in r.metrics);

/** Values of a metric in the runs that report it; null kept (it means NaN or infinite in that run). */
function reported(sorted: readonly RunRecord[], name: string): (number | null)[] {
  return sorted.filter((r) => name in r.metrics).map((r) => r.metrics[name] ?? null);
}

function rateOf(values: readonly (number | null)[], happened: (v: number) => boolean): RateEstimate {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const count = finite.filter(happened).length;
  const runs = finite.length;
  const base = { count, runs, rate: runs === 0 ? 0 : count / runs, wilson95: wilson95(count, runs) };
  return count === 0 && runs > 0 ? { ...base, ruleOfThreeBound: ruleOfThree(runs) } : base;
}

function downtimeOf(sorted: readonly RunRecord[]): MatrixRow['downtime'] {
  const metric = DOWNTIME.find((m) => has(sorted, m));
  if (metric === undefined) return null;
  const values = reported(sorted, metric);
  const sorted01 = sortedCopy(values.map((v) => (v === null || !Number.isFinite(v) ? Infinity : v)));
  const at = (q: number) => { const v = percentile(sorted01, q); return Number.isFinite(v) ? v : null; };
  return { metric, n: values.length, unrecovered: sorted01.filter((v) => v === Infinity).length, p50: at(50), p99: at(99) };
}

function sloOf(sorted: readonly RunRecord[], documented: DocumentedFailure | null): SloMeasure | null {
  if (!has(sorted, 'sloImpactLevel')) return null;
  const runsByGrade = SLO_IMPACTS.map(() => 0);
  for (const v of reported(sorted, 'sloImpactLevel')) if (v !== null && v >= 0 && v < SLO_IMPACTS.length) runsByGrade[v]!++;
  let modal = 0;
  runsByGrade.forEach((n, i) => { if (n >= runsByGrade[modal]!) modal = i; });
  const burned = sortedCopy(reported(sorted, 'budgetBurnedPct').filter((v): v is number => v !== null && Number.isFinite(v)));
  return { stated: documented?.impact ?? null, runsByGrade, modal: SLO_IMPACTS[modal]!, budgetBurnedP50: burned.length === 0 ? null : percentile(burned, 50) };
}

function medianOf(sorted: readonly RunRecord[], name: string): MedianEstimate | null {
  const values = sortedCopy(reported(sorted, name).filter((v): v is number => v !== null && Number.isFinite(v)));
  if (values.length === 0) return null;
  return { n: values.length, p50: percentile(values, 50), ci95: medianCi95(values) };
}

function rtoOf(sorted: readonly RunRecord[]): RtoMeasure | null {
  const rto = { detection: medianOf(sorted, 'detectionMs'), recovery: medianOf(sorted, 'recoveryMs'), dataLost: has(sorted, 'dataLost') ? rateOf(reported(sorted, 'dataLost'), (v) => v > 0) : null };
  return rto.detection === null && rto.recovery === null && (rto.dataLost === null || rto.dataLost.runs === 0) ? null : rto;
}

function row(id: string, title: string, records: readonly RunRecord[], documented: DocumentedFailure | null = null): MatrixRow {
  const sorted = byIndex(records, `matrix row ${id}`);
  commonRun(sorted, `matrix row ${id}`);
  const lossMetric = DATA_LOSS.find((m) => has(sorted, m));
  const manual = has(sorted, MANUAL) ? reported(sorted, MANUAL) : null;
  return {
    id,
    title,
    runs: sorted.length,
    dataLoss: lossMetric === undefined ? null : { metric: lossMetric, ...rateOf(reported(sorted, lossMetric), (v) => v > 0) },
    autoRecover: manual === null ? null : rateOf(manual, (v) => v === 0),
    manualAction: manual === null ? null : rateOf(manual, (v) => v === 1),
    downtime: downtimeOf(sorted),
    slo: sloOf(sorted, documented),
    documented,
    rto: rtoOf(sorted),
  };
}

/**
 * The Failure Recovery Matrix of seeds/002 (Failure | Data Loss? |
 * Auto-Recover? | Manual Action?) from measured runs instead of opinions,
 * plus the downtime the document leaves out. Rows keep the order given.
 */
export function failureMatrix(rows: readonly { id: string; title: string; records: readonly RunRecord[]; documented?: DocumentedFailure | undefined }[]): MatrixRow[] {
  return rows.map((r) => row(r.id, r.title, r.records, r.documented ?? null));
}
