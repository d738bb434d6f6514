import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DivergenceFinder, type Outcome } from '../diff/first-divergence.js';
import type { TraceEntry } from '../diff/trace-entry.js';
import type { TraceRecord, TraceSink } from '../kernel/trace.js';
import type { RunResult } from '../runner/run-scenario.js';
import { TraceFileSink } from './trace-file.js';
import { traceEntries } from './trace-reader.js';

/** Runs a scenario with the given extra trace sinks. */
export type TracedRun = (sinks: TraceSink[]) => RunResult | Promise<RunResult>;

export interface RunComparison {
  readonly first: RunResult;
  readonly second: RunResult;
  readonly outcome: Outcome<TraceEntry>;
}

/**
 * Runs `first`, then `second`, and finds the first trace record where they
 * part. The first run's trace goes to a temporary file (deleted afterwards);
 * the second is compared with it record by record as it runs, so memory
 * stays small however long the runs, and the records around the divergence
 * are at hand from both runs, not recomputed by a third run (which a
 * non-deterministic scenario would not repeat).
 */
export async function compareRuns(first: TracedRun, second: TracedRun, context: number): Promise<RunComparison> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'first.ndjson');
    const firstResult = await runToTraceFile(first, file);
    const reader = traceEntries(file, 'first run');
    try {
      const lockstep = new LockstepSink(reader, new DivergenceFinder<TraceEntry>(context));
      const secondResult = await second([lockstep]);
      return { first: firstResult, second: secondResult, outcome: lockstep.finish() };
    } finally {
      reader.return(undefined);
    }
  });
}

/** Calls `fn` with a new temporary directory, removed afterwards whatever happens. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'failsim-diff-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `run` with its whole trace written to `file`, in a temporary folder of failsim's own (moved into place only once the run has finished). */
export async function runToTraceFile(run: TracedRun, file: string): Promise<RunResult> {
  const sink = new TraceFileSink({ flag: 'trace file', file, path: file, force: true });
  try {
    const result = await run([sink]);
    sink.commit();
    return result;
  } catch (e) {
    sink.abort();
    throw e;
  }
}

/** Feeds each record of the run in progress (side B) to the finder with the next record of the file (side A). */
class LockstepSink implements TraceSink {
  private count = 0;

  constructor(private readonly reader: Iterator<TraceEntry>, private readonly finder: DivergenceFinder<TraceEntry>) {}

  record(_rec: TraceRecord, line: string, chain: string): void {
    this.count++;
    if (!this.finder.wantsMore()) return;
    this.finder.push(this.nextOfA(), { record: this.count, chain, line });
  }

  /** The run has ended: A's remaining records meet an ended B. */
  finish(): Outcome<TraceEntry> {
    while (this.finder.wantsMore()) this.finder.push(this.nextOfA(), undefined);
    return this.finder.outcome();
  }

  private nextOfA(): TraceEntry | undefined {
    const next = this.reader.next();
    return next.done === true ? undefined : next.value;
  }
}
