import { sec, ms, type Simulation } from '../../src/scenario/index.js';
import { ZipfSampler, logPath, type ReaderService } from '../../models/reader/index.js';

/** A log written since the run began: no cache has it, so only HDFS can answer. */
export const NEW_LOG_PREFIX = 'logs/new-';

export function isNewLog(path: string): boolean {
  return path.startsWith(NEW_LOG_PREFIX);
}

/** Where a query goes: the first reader serving, else the first alive, else the first (which refuses). */
function pick(readers: readonly ReaderService[]): ReaderService {
  return readers.find((r) => r.phase === 'ready') ?? readers.find((r) => r.life.alive) ?? readers[0]!;
}

/**
 * Poisson queries at `queryRatePerS` for the whole run: a share
 * `newLogFraction` asks for a log finished since the start (Spark apps keep
 * finishing), the rest for a known log by Zipf popularity. Answers go to the
 * readers' `answered` hooks; nothing here counts.
 */
export function startQueries(sim: Simulation, readers: readonly ReaderService[], p: { queryRatePerS: number; newLogFraction: number; zipfS: number; files: number; durationMs: number }): void {
  const rng = sim.rng('hdfs-cache/queries');
  const zipf = new ZipfSampler(p.files, p.zipfS);
  const meanGapUs = sec(1 / p.queryRatePerS), until = ms(p.durationMs);
  let newLogs = 0;
  const next = (): void => {
    const path = rng.next() < p.newLogFraction ? `${NEW_LOG_PREFIX}${newLogs++}` : logPath(zipf.sample(rng));
    pick(readers).query(path, () => {});
    const gap = Math.round(rng.exponential(meanGapUs));
    if (sim.now + gap <= until) sim.schedule(gap, next);
  };
  sim.schedule(Math.round(rng.exponential(meanGapUs)), next);
}
