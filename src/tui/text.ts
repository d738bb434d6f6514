import type { TimelineEntry } from '../runner/run-scenario.js';
import type { PaneData } from '../scenario/inspect.js';

/** `s` cut to `width` characters (code points), with "…" when cut. */
export function fit(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  return width <= 0 ? '' : chars.slice(0, width - 1).join('') + '…';
}

/** A pane as text lines: its title, then its table with padded columns. */
export function paneLines(pane: PaneData, width: number): string[] {
  const table = pane.columns ? [pane.columns, ...pane.rows] : pane.rows;
  const cols = Math.max(0, ...table.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(0, ...table.map((r) => (r[i] ?? '').length)));
  const row = (r: readonly string[]) => fit(' ' + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '), width);
  return [fit(`${pane.title}`, width), ...table.map(row)];
}

/** Every pane one after the other, as the components box shows them. */
export function panesText(panes: readonly PaneData[], width: number): string[] {
  return panes.flatMap((p) => paneLines(p, width));
}

/** Timeline entries that contain `filter` (case-insensitive) in their source or text. */
export function filterLog(entries: readonly TimelineEntry[], filter: string): TimelineEntry[] {
  const f = filter.toLowerCase();
  return f === '' ? [...entries] : entries.filter((e) => e.source.toLowerCase().includes(f) || e.text.toLowerCase().includes(f));
}

export function logLine(e: TimelineEntry, width: number): string {
  return fit(`${(e.tMs / 1000).toFixed(3).padStart(8)}s  ${e.source.padEnd(12)} ${e.text}`, width);
}

/** A chart value for the header of its sparkline. */
export function formatValue(v: number | undefined, unit: string): string {
  if (v === undefined || Number.isNaN(v)) return '-';
  const abs = Math.abs(v);
  const text = abs >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : abs >= 1e4 ? `${(v / 1e3).toFixed(1)}k` : abs >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
  return unit === '' ? text : `${text} ${unit}`;
}
