import type { Micros } from '../../kernel/time.js';
import { US_PER_S } from '../../kernel/time.js';
import { SERIES_STEP_US, type SeriesValue } from '../../scenario/inspect.js';

/** The TUI samples a scenario's key series on this grid of virtual time, whatever the user does. */
export const SAMPLE_US: Micros = SERIES_STEP_US;

export interface SeriesInfo {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
}

/** A chart's data: one value per sample instant (NaN where there was nothing to measure). */
export interface Series extends SeriesInfo {
  readonly t: Micros[];
  readonly v: number[];
}

/**
 * Turns raw readings (gauges, running totals) taken on the sample grid into
 * the values charts show: gauges as read, rates per second, ratios in % of
 * the interval. Fed in time order; what it holds is a pure function of the
 * readings, so a re-run to the same time gives the same series.
 */
export class SeriesRecorder {
  readonly series: Series[] = [];
  private prev: readonly SeriesValue[] | null = null;
  private prevT: Micros = 0;

  add(t: Micros, values: readonly SeriesValue[]): void {
    values.forEach((raw, i) => {
      let s = this.series[i];
      if (s === undefined || s.key !== raw.key) {
        s = { key: raw.key, label: raw.label, unit: raw.unit, t: [], v: [] };
        this.series[i] = s;
      }
      s.t.push(t);
      s.v.push(this.shown(raw, this.prev?.[i], (t - this.prevT) / US_PER_S));
    });
    this.prev = values;
    this.prevT = t;
  }

  private shown(raw: SeriesValue, before: SeriesValue | undefined, dtS: number): number {
    const mode = raw.mode ?? 'gauge';
    if (mode === 'gauge') return raw.value;
    const base = before?.key === raw.key ? before : { value: 0, of: 0 };
    if (mode === 'rate') return dtS > 0 ? (raw.value - base.value) / dtS : NaN;
    const of = (raw.of ?? 0) - (base.of ?? 0);
    return of > 0 ? (100 * (raw.value - base.value)) / of : NaN;
  }
}
