/**
 * What a scenario shows of its models while it runs (the TUI's component
 * panes and charts). Plain data, so any front end can draw it and tests can
 * compare it. Producing it must not change the world: no trace records, no
 * random draws, no state touched (a Redis GET would move the LRU clock).
 */

/** One component pane: a title and a small table. */
export interface PaneData {
  readonly title: string;
  /** Column headings; absent for a two-column "label value" list. */
  readonly columns?: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * One value of a key time series, read at a sample instant.
 * - gauge: shown as it is (replicas, consumer lag, stock);
 * - rate: a running total, shown as its increase per second between samples;
 * - ratio: a running total `value` over a running total `of`, shown as
 *   100 * delta(value) / delta(of) between samples (error rate in %).
 */
export interface SeriesValue {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number;
  readonly mode?: 'gauge' | 'rate' | 'ratio';
  readonly of?: number;
}

/**
 * The TUI reads series on a grid of this step of virtual time (1 s). A
 * series over "the last interval" (a windowed p99) uses this window.
 */
export const SERIES_STEP_US = 1_000_000;
