import type { Palette } from '../report/palette.js';

/** A table cell: its text, and a style applied after padding so colour codes never upset the alignment. */
export type Cell = string | { readonly text: string; readonly style: (s: string) => string };

const textOf = (c: Cell) => (typeof c === 'string' ? c : c.text);

/**
 * Lines of a table with aligned columns ('l' left, 'r' right), the header
 * dimmed, two spaces between columns and none after the last, so the text
 * is byte-stable and diff-friendly.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[], align: readonly ('l' | 'r')[], p: Palette, indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => textOf(r[i] ?? '').length)));
  const line = (cells: readonly Cell[], styleAll?: (s: string) => string): string => {
    const parts = widths.map((w, i) => {
      const c = cells[i] ?? '';
      const t = textOf(c);
      const last = i === widths.length - 1;
      const padded = align[i] === 'r' ? t.padStart(w) : last ? t : t.padEnd(w);
      const style = typeof c === 'string' ? styleAll : c.style;
      if (style === undefined) return padded;
      // Style the text only, not the padding around it.
      const start = align[i] === 'r' ? w - t.length : 0;
      return padded.slice(0, start) + style(t) + padded.slice(start + t.length);
    });
    return (indent + parts.join('  ')).trimEnd();
  };
  return [line(header, p.dim), ...rows.map((r) => line(r))];
}
