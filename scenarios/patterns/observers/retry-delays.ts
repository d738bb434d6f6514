import { ms, type Micros } from '../../../src/scenario/index.js';

/**
 * The retries' delays held against seed 001's schedule: with base b and cap
 * c, retry n waits between min(b * 2^(n-1), c) and min(b * 2^n, c)
 * ("Attempt 1: 100-200ms, Attempt 2: 200-400ms ... up to 30s max").
 */
export class RetryDelays {
  retries = 0;
  offDocument = 0;
  maxUs: Micros = 0;

  constructor(private readonly baseMs: number, private readonly capMs: number) {}

  readonly record = (retry: number, delay: Micros): void => {
    this.retries++;
    if (delay > this.maxUs) this.maxUs = delay;
    const lo = ms(Math.min(this.baseMs * 2 ** (retry - 1), this.capMs));
    const hi = ms(Math.min(this.baseMs * 2 ** retry, this.capMs));
    if (delay < lo || delay > hi) this.offDocument++;
  };
}
