/** Messages between a sweep's main thread and its worker threads. */
import type { MetricInfo } from '../scenario/scenario.js';

/** One scenario with its `--set` settings; a sweep has one, compare two, matrix one per scenario. */
export interface Variant {
  /** The scenario as typed: a built-in id or a module path. */
  readonly ref: string;
  readonly sets: readonly string[];
}

/** What a worker loaded for one variant, so the main thread need not load the scenario itself. */
export interface VariantInfo {
  readonly id: string;
  readonly title: string;
  /** Every parameter, defaults included (what runs record). */
  readonly params: Record<string, unknown>;
  readonly metricInfo: Readonly<Record<string, MetricInfo | undefined>> | undefined;
  /** The scenario's defaults (undefined: some parameter has none): replay commands leave out what equals them. */
  readonly defaults: Record<string, unknown> | undefined;
}

export interface WorkerInit {
  readonly variants: readonly Variant[];
  readonly baseSeed: number;
  /** Directory module paths are resolved against. */
  readonly cwd: string;
  /** Int32Array(1): non-zero means stop after the current run. */
  readonly stop: SharedArrayBuffer;
}

/** `tasks` holds (variant, index) pairs, flat. */
export type ToWorker = { readonly t: 'batch'; readonly tasks: number[] };

interface ErrorFields {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

export type FromWorker =
  | { readonly t: 'ready'; readonly info: VariantInfo[] }
  | ({ readonly t: 'load-error' } & ErrorFields)
  | { readonly t: 'run'; readonly variant: number; readonly index: number; readonly line: string }
  | ({ readonly t: 'run-error'; readonly variant: number; readonly index: number } & ErrorFields)
  | { readonly t: 'batch-done'; readonly ran: number };
