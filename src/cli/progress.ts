/**
 * A sweep's progress bar on stderr, drawn only when stderr is a terminal:
 * a pipe or a log file gets nothing, and stdout (the summary) never gets
 * any of it. Wall-clock figures (elapsed, runs/s, ETA) live only here.
 */
import { performance } from 'node:perf_hooks';
import { formatDuration, US_PER_MS } from '../kernel/time.js';
import type { Palette } from '../report/palette.js';
import { drawsOnStderr, stderrPaletteFor, type Io } from './output.js';

const REDRAW_MS = 100;

export class Progress {
  private readonly enabled: boolean;
  private readonly p: Palette;
  private readonly t0 = performance.now();
  private lastDraw = -Infinity;
  /** When the first run came back: rates and ETA leave out the workers' start-up. */
  private tFirst = NaN;
  private done = 0;
  private drawn = false;

  /** `total` runs to do in this process; `label` goes in front of the bar. */
  constructor(private readonly io: Io, private readonly label: string, private readonly total: number, color: boolean | undefined) {
    this.enabled = drawsOnStderr(io);
    this.p = stderrPaletteFor(io, color);
  }

  tick(): void {
    this.done++;
    if (!this.enabled) return;
    const t = performance.now();
    if (this.done === 1) this.tFirst = t;
    if (t - this.lastDraw < REDRAW_MS && this.done < this.total) return;
    this.lastDraw = t;
    this.draw(t);
  }

  get elapsedS(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Clears the bar; on a terminal, says how long it took. */
  finish(workers: number): void {
    if (!this.enabled) return;
    this.clear();
    const s = this.elapsedS;
    const rate = s > 0 ? this.done / s : 0;
    this.io.err(this.p.dim(`${this.label}: ${this.done} run${this.done === 1 ? '' : 's'} in ${s.toFixed(1)} s (${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} runs/s, ${workers} worker${workers === 1 ? '' : 's'})`) + '\n');
  }

  /** Takes the bar off the screen before another message. */
  clear(): void {
    if (this.drawn) this.io.err('\r\u001b[K');
    this.drawn = false;
  }

  private draw(t: number): void {
    const s = (t - this.tFirst) / 1000;
    const frac = this.total === 0 ? 1 : this.done / this.total;
    const rate = this.done > 1 && s > 0 ? (this.done - 1) / s : 0;
    const eta = rate > 0 && this.done < this.total ? formatDuration(((this.total - this.done) / rate) * 1000 * US_PER_MS) : '';
    const speed = rate > 0 ? `  ${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} runs/s` : '';
    const text = ` ${this.done}/${this.total} ${(frac * 100).toFixed(0).padStart(3)}%${speed}${eta ? `  ETA ${eta}` : ''}`;
    const columns = this.io.stderrColumns?.() ?? 80;
    const width = Math.max(10, Math.min(40, columns - this.label.length - text.length - 4));
    const filled = Math.round(frac * width);
    const bar = this.p.cyan('#'.repeat(filled)) + this.p.dim('.'.repeat(width - filled));
    this.io.err(`\r\u001b[K${this.label} [${bar}]${text}`);
    this.drawn = true;
  }
}
