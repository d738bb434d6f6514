/** Small helpers for the benchmarks: wall clock, medians, and a plain-text table. */
import { performance } from 'node:perf_hooks';

/** Wall-clock seconds since `t0` (a `performance.now()` reading). Allowed in bench/, never in simulation code. */
export function secondsSince(t0: number): number {
  return (performance.now() - t0) / 1000;
}

export function now(): number {
  return performance.now();
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function spread(xs: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...xs), max: Math.max(...xs) };
}

/** 1234567 -> "1.23M", 45678 -> "45.7k". */
export function si(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

export function ratio(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a';
}

export type Row = readonly string[];

/** Left-aligns the first column, right-aligns the others. */
export function table(header: Row, rows: readonly Row[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const fmt = (r: Row) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [fmt(header), rule, ...rows.map(fmt)].join('\n');
}

/** Median with its range, e.g. "6.12M (5.90M-6.30M)". */
export function medianWithRange(xs: readonly number[]): string {
  const { min, max } = spread(xs);
  return `${si(median(xs))} (${si(min)}-${si(max)})`;
}
