import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, sec } from '../../src/kernel/time.js';
import { logPath } from './reader-options.js';
import type { ReaderService } from './reader-service.js';
import { ZipfSampler } from './zipf.js';

export interface ReaderQueryOptions {
  /** Poisson arrivals, queries per second. */
  readonly ratePerSec: number;
  /** Popularity skew over the reader's files (see ZipfSampler); 1: Zipf's law. */
  readonly zipfS: number;
  /** First and last arrival times. */
  readonly fromMs: number;
  readonly untilMs: number;
  /** The rng stream the arrivals and files are drawn from. */
  readonly stream: string;
}

export const DEFAULT_READER_QUERIES: ReaderQueryOptions = { ratePerSec: 10, zipfS: 1, fromMs: 0, untilMs: 3_600_000, stream: 'reader-queries' };

/** Queries for event logs at a Poisson rate, popular files more often (answers go to the reader's counters and hooks). */
export function startReaderQueries(sim: Simulation, reader: ReaderService, options: Partial<ReaderQueryOptions> = {}): void {
  const o = { ...DEFAULT_READER_QUERIES, ...options };
  if (!(o.ratePerSec > 0)) throw new Error(`reader queries: ratePerSec must be > 0, got ${o.ratePerSec}`);
  const rng = sim.rng(o.stream);
  const zipf = new ZipfSampler(reader.options.files, o.zipfS);
  const meanGap = sec(1 / o.ratePerSec), until = ms(o.untilMs);
  const next = (): void => {
    if (sim.now > until) return;
    reader.query(logPath(zipf.sample(rng)), () => {});
    sim.schedule(Math.round(rng.exponential(meanGap)), next);
  };
  sim.at(ms(o.fromMs), next);
}
