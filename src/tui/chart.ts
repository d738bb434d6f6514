import { scaleLinear } from 'd3-scale';

/**
 * How charts are drawn: braille (2x4 dots per cell, needs a font with the
 * braille block), block (eighth blocks, 8 levels) or ascii (any terminal).
 */
export type Charset = 'braille' | 'block' | 'ascii';

export const CHARSETS: readonly Charset[] = ['braille', 'block', 'ascii'];

const BLOCK = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII = ['_', '.', ',', '-', '~', '=', '*', '#'];
/** Braille dot bits per column, from the bottom row up (U+2800 + bits). */
const BRAILLE_LEFT = [0x40, 0x04, 0x02, 0x01];
const BRAILLE_RIGHT = [0x80, 0x20, 0x10, 0x08];

/**
 * A one-line chart of (t, v) over the time span `domain` (virtual µs), `width`
 * cells wide: time maps linearly onto the cells (scaleLinear over simulated
 * time, never scaleTime, which would follow the local time zone), each cell
 * shows the largest value that falls in it, and values map onto the glyph
 * levels over [0, max] with max rounded to a nice number. Cells with no
 * sample yet (the future) are blank; NaN samples are skipped.
 */
export function sparkline(t: readonly number[], v: readonly number[], width: number, domain: readonly [number, number], charset: Charset): { line: string; max: number } {
  if (width <= 0) return { line: '', max: 0 };
  const dotsPerCell = charset === 'braille' ? 2 : 1;
  const slots = width * dotsPerCell;
  const x = scaleLinear().domain([domain[0], domain[1]]).range([0, slots - 1]).clamp(true);
  const buckets = new Array<number>(slots).fill(NaN);
  for (let i = 0; i < t.length; i++) {
    const value = v[i]!;
    if (Number.isNaN(value)) continue;
    const slot = Math.round(x(t[i]!));
    const prev = buckets[slot]!;
    buckets[slot] = Number.isNaN(prev) ? value : Math.max(prev, value);
  }
  const seen = buckets.filter((b) => !Number.isNaN(b));
  const top = seen.length === 0 ? 0 : Math.max(0, ...seen);
  const levels = charset === 'braille' ? BRAILLE_LEFT.length : BLOCK.length;
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([0, levels - 1]).clamp(true);
  const max = y.domain()[1]!;
  const level = (b: number) => Math.round(y(Math.max(0, b)));

  let line = '';
  for (let c = 0; c < width; c++) {
    if (charset === 'braille') {
      const left = buckets[2 * c]!, right = buckets[2 * c + 1]!;
      let bits = 0;
      if (!Number.isNaN(left)) for (let r = 0; r <= level(left); r++) bits |= BRAILLE_LEFT[r]!;
      if (!Number.isNaN(right)) for (let r = 0; r <= level(right); r++) bits |= BRAILLE_RIGHT[r]!;
      line += bits === 0 ? ' ' : String.fromCharCode(0x2800 + bits);
    } else {
      const b = buckets[c]!;
      line += Number.isNaN(b) ? ' ' : (charset === 'block' ? BLOCK : ASCII)[level(b)]!;
    }
  }
  return { line, max };
}
