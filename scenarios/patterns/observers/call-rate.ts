import type { Micros } from '../../../src/scenario/index.js';

const BIN_US = 100_000;
const BINS_PER_S = 10;

/**
 * Attempts sent, in 100 ms bins, so the peak rate over any one-second
 * window (sliding by 100 ms) can be read: the thundering herd of immediate
 * retries, or the synchronised waves of back-off without jitter.
 */
export class CallRate {
  private bins = new Uint32Array(1024);
  total = 0;

  readonly record = (at: Micros): void => {
    const bin = Math.floor(at / BIN_US);
    if (bin >= this.bins.length) {
      const grown = new Uint32Array(Math.max(bin + 1, this.bins.length * 2));
      grown.set(this.bins);
      this.bins = grown;
    }
    this.bins[bin]!++;
    this.total++;
  };

  /** Most attempts sent in any one-second window starting at or after `from`, per second. */
  peakPerS(from: Micros = 0): number {
    const first = Math.floor(from / BIN_US);
    let window = 0, peak = 0;
    for (let i = first; i < this.bins.length; i++) {
      window += this.bins[i]!;
      if (i - first >= BINS_PER_S) window -= this.bins[i - BINS_PER_S]!;
      if (window > peak) peak = window;
    }
    return peak;
  }
}
