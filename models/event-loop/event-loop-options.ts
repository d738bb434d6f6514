import { checkCpuCost, type CpuCost } from './cpu-cost.js';

/**
 * Where a request's CPU-bound inference runs:
 * - `off`: inside the `async def` handler, on the loop: every other request
 *   waits for it (the seed 000-C bug).
 * - `thread-pool`: Starlette's `run_in_threadpool` (anyio's limiter, 40
 *   tokens by default [STARLETTE-TP]); pure-Python CPU work still takes the
 *   GIL, so the threads share `cpuCores` (ASSUMPTION, next-models §5.1).
 * - `process-pool`: a ProcessPoolExecutor of `workers` processes, each with
 *   its own interpreter: `workers`-way CPU parallelism.
 */
export type Offload = 'off' | 'thread-pool' | 'process-pool';

export interface EventLoopOptions {
  /** Loop CPU per request outside inference (parse, route, serialise, respond), ms. */
  readonly loopCostMs: number;
  /** The inference's CPU time. */
  readonly inference: CpuCost;
  /** Fraction of requests that run inference (the rest are answered from the loop alone, e.g. a cache hit). */
  readonly inferenceFraction: number;
  readonly offload: Offload;
  /** Threads (anyio tokens) or processes in the offload pool; default 40 (anyio's default limiter). */
  readonly workers: number;
  /**
   * Effective parallel CPU for thread-pool work. ASSUMPTION: 1, CPython with
   * the GIL running pure-Python inference; raise it for libraries that
   * release the GIL (numpy, torch kernels). Ignored for process-pool.
   */
  readonly cpuCores: number;
  /** Connections waiting for the loop to accept them before new ones are refused: gunicorn/uvicorn `backlog` 2048 [GUNICORN] [UVICORN]. */
  readonly backlog: number;
  /** uvicorn `--limit-concurrency`: 503 once this many requests are in the app; 0 = unset (the default) [UVICORN]. */
  readonly limitConcurrency: number;
}

export const DEFAULT_EVENT_LOOP: EventLoopOptions = {
  loopCostMs: 0.5,
  inference: { kind: 'constant', ms: 200 },
  inferenceFraction: 1,
  offload: 'off',
  workers: 40,
  cpuCores: 1,
  backlog: 2048,
  limitConcurrency: 0,
};

export function checkEventLoopOptions(name: string, o: EventLoopOptions): void {
  const bad = (what: string, v: number) => new Error(`event loop ${name}: ${what} got ${v}`);
  if (!(o.loopCostMs >= 0 && o.loopCostMs < Infinity)) throw bad('loopCostMs must be a finite ms >= 0,', o.loopCostMs);
  if (!(o.inferenceFraction >= 0 && o.inferenceFraction <= 1)) throw bad('inferenceFraction must be in [0, 1],', o.inferenceFraction);
  if (!(Number.isInteger(o.workers) && o.workers >= 1)) throw bad('workers must be an integer >= 1,', o.workers);
  if (!(o.cpuCores > 0 && o.cpuCores < Infinity)) throw bad('cpuCores must be > 0,', o.cpuCores);
  if (!(Number.isInteger(o.backlog) && o.backlog >= 1)) throw bad('backlog must be an integer >= 1,', o.backlog);
  if (!(Number.isInteger(o.limitConcurrency) && o.limitConcurrency >= 0)) throw bad('limitConcurrency must be an integer >= 0,', o.limitConcurrency);
  checkCpuCost(`event loop ${name}: inference`, o.inference);
}
