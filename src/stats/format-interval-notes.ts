import type { Palette } from '../report/palette.js';
import { formatCount } from './format-stats.js';
import { MIN_EVENTS, MIN_RUNS, type MeanCi } from './mean-ci.js';

/** What a note needs of one interval: its runs, its events and its warning. */
export type IntervalBasis = Pick<MeanCi, 'events' | 'ciWarning'> & { readonly n: number };

const WIDTH = 78;

/**
 * The note lines under a table of 95% intervals naming those that rest on
 * too few runs, or too few runs with an event, to be trusted: an interval
 * over 1,000 runs that all saw 0 lost writes prints as [0, 0], and only the
 * note says that 1,000 runs cannot rule out a loss once in 2,000. Empty
 * when every interval is fine.
 */
export function intervalNotes(entries: readonly (readonly [string, IntervalBasis])[], p: Palette): string[] {
  const fewRuns = entries.filter(([, b]) => b.ciWarning === 'too-few-runs');
  const fewEvents = entries.filter(([, b]) => b.ciWarning === 'too-few-events');
  const lines: string[] = [];
  const n0 = fewRuns[0]?.[1].n;
  if (fewRuns.length > 0 && fewRuns.length === entries.length && fewRuns.every(([, b]) => b.n === n0)) {
    // A small sweep: one short line rather than every metric by name.
    lines.push(...note(`${formatCount(n0!)} run${n0 === 1 ? '' : 's'}, too few for a trustworthy 95% interval (${MIN_RUNS} or more needed)`, [], p));
  } else if (fewRuns.length > 0) {
    lines.push(...note(`fewer than ${MIN_RUNS} runs, too few for a trustworthy 95% interval:`, fewRuns.map(([name, b]) => `${name} (${formatCount(b.n)})`), p));
  }
  if (fewEvents.length > 0) {
    const what = `fewer than ${MIN_EVENTS} runs with an event (a value other than the most common one), too few for a trustworthy 95% interval:`;
    lines.push(...note(what, fewEvents.map(([name, b]) => `${name} (${formatCount(b.events)} of ${formatCount(b.n)})`), p));
  }
  return lines;
}

/** "  note: <text> a, b, c" wrapped at WIDTH, continuation lines indented under the text. */
function note(text: string, items: readonly string[], p: Palette): string[] {
  const words = [...text.split(' '), ...items.map((item, i) => (i < items.length - 1 ? `${item},` : item))];
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && 8 + line.length + 1 + w.length > WIDTH) { lines.push(line); line = ''; }
    line = line === '' ? w : `${line} ${w}`;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? `  ${p.yellow('note')}: ${l}` : `        ${l}`));
}
