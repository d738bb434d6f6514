/**
 * Runs sweep tasks on worker threads, in two steps.
 *
 * `start()` starts the workers; each loads the scenario variants (the same
 * loader as `sim run`) and the first to be ready says what it loaded: ids,
 * titles, resolved parameters, metric labels. A scenario that cannot be
 * loaded, or a bad --set, is a BadInput from there. The main thread need not
 * load the scenario itself (for a TypeScript module that would cost another
 * tsx instance, some 50 MB).
 *
 * `run(tasks)` hands out small batches on demand (guided: a share of what is
 * left, down to one run at the end, so every worker stays busy to the last
 * run) and passes each finished run, which comes back as its own message, to
 * `onRun` at once.
 *
 * `stop()` (SIGINT) hands out nothing more and sets a flag the workers read
 * between runs; `run()` then resolves 'stopped' once every worker has
 * finished the run it was in.
 */
import { Worker } from 'node:worker_threads';
import { isBadInputName } from '../io/errors.js';
import { BadInput } from '../scenario/settings.js';
import type { FromWorker, ToWorker, Variant, VariantInfo, WorkerInit } from './protocol.js';
import { YOUNG_GENERATION_MB } from './young-generation.js';

export interface PoolOptions {
  readonly variants: readonly Variant[];
  readonly baseSeed: number;
  readonly cwd: string;
  readonly workers: number;
  /** Called on the main thread for each finished run, in arrival order. May throw: the pool then fails. */
  readonly onRun: (variant: number, index: number, line: string) => void;
  /** Largest batch handed to a worker (default 64). */
  readonly maxBatch?: number;
}

export class RunError extends Error {
  override name = 'RunError';
}

/** Batches a worker may hold at once: one it runs, one waiting, so it never idles on a message round trip. */
const IN_FLIGHT = 2;

interface Slot {
  readonly worker: Worker;
  inFlight: number;
  exited: boolean;
}

type Phase = 'new' | 'starting' | 'ready' | 'running' | 'settled';

export class WorkerPool {
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly slots: Slot[] = [];
  private tasks: readonly number[] = [];
  private next = 0;
  private stopping = false;
  private phase: Phase = 'new';
  private onReady: { resolve: (info: VariantInfo[]) => void; reject: (e: Error) => void } | undefined;
  private onSettled: { resolve: (status: 'done' | 'stopped') => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(private readonly o: PoolOptions) {}

  /** Starts the workers; resolves with what the first one loaded. Call close() if run() is not called. */
  start(): Promise<VariantInfo[]> {
    if (this.phase !== 'new') throw new Error('WorkerPool.start: already started');
    this.phase = 'starting';
    const promise = new Promise<VariantInfo[]>((resolve, reject) => { this.onReady = { resolve, reject }; });
    promise.catch(() => { /* the caller's await sees it; this only keeps an abandoned start from being an unhandled rejection */ });
    const init: WorkerInit = { variants: this.o.variants, baseSeed: this.o.baseSeed, cwd: this.o.cwd, stop: this.stopFlag.buffer as SharedArrayBuffer };
    for (let i = 0; i < Math.max(1, this.o.workers); i++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, inFlight: 0, exited: false };
      this.slots.push(slot);
      worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
      worker.on('error', (e) => this.fail(new RunError(`a sweep worker crashed: ${e.stack ?? e.message}`)));
      worker.on('exit', (code) => {
        slot.exited = true;
        this.fail(new RunError(`a sweep worker exited unexpectedly (code ${code})`));
      });
    }
    return promise;
  }

  /** Runs (variant, index) pairs, flat, in the order given. */
  run(tasks: readonly number[]): Promise<'done' | 'stopped'> {
    if (this.phase !== 'ready') throw new Error(`WorkerPool.run: pool is ${this.phase}`);
    this.phase = 'running';
    this.tasks = tasks;
    const promise = new Promise<'done' | 'stopped'>((resolve, reject) => { this.onSettled = { resolve, reject }; });
    for (let b = 0; b < IN_FLIGHT; b++) for (const slot of this.slots) this.feed(slot);
    this.checkIdle();
    return promise;
  }

  /** Hands out nothing more and asks the workers to stop after their current run. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    Atomics.store(this.stopFlag, 0, 1);
    this.checkIdle();
  }

  /** Ends the workers now, whatever they are doing; `run()` resolves 'stopped'. Runs already received are kept. */
  abort(): void {
    this.stopping = true;
    this.settle('stopped');
  }

  /** Ends the workers (after start() without run(), or after a failure elsewhere). */
  async close(): Promise<void> {
    if (this.phase !== 'settled') this.settle('stopped');
    await this.killWorkers();
  }

  private async killWorkers(): Promise<void> {
    Atomics.store(this.stopFlag, 0, 1);
    await Promise.all(this.slots.map((s) => (s.exited ? undefined : s.worker.terminate())));
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (this.phase === 'settled') return;
    switch (m.t) {
      case 'ready':
        if (this.phase === 'starting') {
          this.phase = 'ready';
          this.onReady?.resolve(m.info);
        }
        return;
      case 'load-error':
        this.fail(isBadInputName(m.name) ? new BadInput(m.message) : new RunError(`a sweep worker could not load the scenario: ${m.stack}`));
        return;
      case 'run-error': {
        const v = this.o.variants[m.variant]!;
        if (isBadInputName(m.name)) { this.fail(new BadInput(m.message)); return; }
        this.fail(new RunError(`run ${m.index} of ${v.ref}${v.sets.length ? ` (${v.sets.join(' ')})` : ''} failed: ${m.stack}`));
        return;
      }
      case 'run':
        try {
          this.o.onRun(m.variant, m.index, m.line);
        } catch (e) {
          this.fail(e instanceof Error ? e : new Error(String(e)));
        }
        return;
      case 'batch-done':
        slot.inFlight--;
        this.feed(slot);
        this.checkIdle();
        return;
    }
  }

  private feed(slot: Slot): void {
    const tasks = this.tasks;
    if (this.stopping || this.phase !== 'running' || this.next >= tasks.length) return;
    const left = (tasks.length - this.next) / 2;
    const size = Math.max(1, Math.min(this.o.maxBatch ?? 64, Math.floor(left / (this.slots.length * 4))));
    const end = Math.min(tasks.length, this.next + 2 * size);
    const msg: ToWorker = { t: 'batch', tasks: tasks.slice(this.next, end) };
    this.next = end;
    slot.inFlight++;
    slot.worker.postMessage(msg);
  }

  private checkIdle(): void {
    if (this.phase !== 'running') return;
    if (!this.slots.every((s) => s.inFlight === 0)) return;
    if (this.stopping) this.settle('stopped');
    else if (this.next >= this.tasks.length) this.settle('done');
  }

  private settle(status: 'done' | 'stopped'): void {
    if (this.phase === 'settled') return;
    this.phase = 'settled';
    const failure = this.failure;
    void this.killWorkers().then(() => {
      if (failure) { this.onReady?.reject(failure); this.onSettled?.reject(failure); }
      else { this.onReady?.reject(new RunError('the sweep workers were stopped before they were ready')); this.onSettled?.resolve(status); }
    }, (e: Error) => { this.onReady?.reject(e); this.onSettled?.reject(e); });
  }

  private fail(e: Error): void {
    if (this.phase === 'settled') return;
    this.failure = e;
    this.settle('stopped');
  }
}
