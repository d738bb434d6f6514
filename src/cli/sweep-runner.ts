/**
 * What `sim sweep`, `sim compare` and `sim matrix` share: a worker pool
 * with a progress bar on a terminal's stderr, stopped cleanly by SIGINT or
 * SIGTERM (hand out nothing more, let every worker finish the run it is in,
 * keep every finished run).
 */
import os from 'node:os';
import type { IdentityCheck } from '../records/identity.js';
import { WorkerPool } from '../sweep/pool.js';
import type { RecordStore } from '../sweep/record-store.js';
import type { RunRecord } from '../records/run-record.js';
import type { Variant, VariantInfo } from '../sweep/protocol.js';
import type { Io } from './output.js';
import { Progress } from './progress.js';

export interface PoolStart {
  readonly label: string;
  readonly variants: readonly Variant[];
  readonly baseSeed: number;
  readonly cwd: string;
  /** undefined: one worker per CPU. */
  readonly workers: number | undefined;
  /** At most this many tasks will be run: no more workers than that are started. */
  readonly maxTasks: number;
  readonly color: boolean | undefined;
}

export type PoolOutcome =
  | { readonly status: 'done'; readonly workers: number }
  | { readonly status: 'interrupted'; readonly signal: 'SIGINT' | 'SIGTERM'; readonly exitCode: number; readonly finished: number };

export interface StartedPool {
  /** What the workers loaded, one entry per variant. */
  readonly info: readonly VariantInfo[];
  readonly workers: number;
  /** Runs (variant, index) pairs, flat; `onRun` gets each finished run's NDJSON line. Ends the pool. */
  run(tasks: readonly number[], onRun: (variant: number, index: number, line: string) => void): Promise<PoolOutcome>;
  /** Ends the workers without running anything (e.g. after bad input found once they were ready). */
  close(): Promise<void>;
}

export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Starts the workers and waits until one has loaded the scenario: a bad
 * scenario or --set fails here (BadInput), before anything is written.
 */
export async function startPool(io: Io, s: PoolStart): Promise<StartedPool> {
  const workers = Math.max(1, Math.min(s.workers ?? defaultWorkers(), s.maxTasks));
  let handler: (variant: number, index: number, line: string) => void = () => { throw new Error('a run came back before run()'); };
  const pool = new WorkerPool({
    variants: s.variants,
    baseSeed: s.baseSeed,
    cwd: s.cwd,
    workers,
    onRun: (variant, index, line) => handler(variant, index, line),
  });
  let info: VariantInfo[];
  try {
    info = await pool.start();
  } catch (e) {
    await pool.close();
    throw e;
  }
  return {
    info,
    workers,
    close: () => pool.close(),
    run: async (tasks, onRun) => {
      const progress = new Progress(io, s.label, tasks.length / 2, s.color);
      let finished = 0;
      handler = (variant, index, line) => {
        onRun(variant, index, line);
        finished++;
        progress.tick();
      };
      let signal: 'SIGINT' | 'SIGTERM' | undefined;
      const unsubscribe = io.onInterrupt?.((sig) => {
        if (signal === undefined) {
          signal = sig;
          progress.clear();
          io.err(`sim: ${sig}: stopping after the runs in progress (again to stop at once)\n`);
          pool.stop();
        } else {
          pool.abort();
        }
      });
      try {
        const status = await pool.run(tasks);
        if (status === 'stopped') {
          const sig = signal ?? 'SIGINT';
          return { status: 'interrupted', signal: sig, exitCode: sig === 'SIGINT' ? 130 : 143, finished };
        }
        progress.finish(workers);
        return { status: 'done', workers };
      } finally {
        progress.clear();
        unsubscribe?.();
        await pool.close();
      }
    },
  };
}

/** Where the runs of one variant go: checked against its sweep's identity, kept in its store. */
export interface VariantSink {
  readonly check: IdentityCheck;
  readonly store: RecordStore;
  /** Named in errors: "run 3 of flux-kafka-down". */
  readonly name?: string;
}

/**
 * Runs (variant, index) task pairs on a pool and keeps every run in its
 * variant's sink: what `sim compare` and `sim matrix` share. Returns the
 * exit code when interrupted (nothing is printed then), else undefined.
 */
export async function collectRuns(io: Io, s: Omit<PoolStart, 'maxTasks'>, tasks: readonly number[], sinks: readonly VariantSink[]): Promise<number | undefined> {
  const pool = await startPool(io, { ...s, maxTasks: tasks.length / 2 });
  const outcome = await pool.run(tasks, (variant, index, line) => {
    const sink = sinks[variant]!;
    sink.store.add(sink.check.own(JSON.parse(line) as RunRecord, sink.name === undefined ? `run ${index}` : `run ${index} of ${sink.name}`));
  });
  if (outcome.status === 'done') return undefined;
  io.err(`sim: ${outcome.signal}: stopped after ${outcome.finished} of ${tasks.length / 2} runs (nothing printed)\n`);
  return outcome.exitCode;
}
