/**
 * `sim check`'s worker threads (src/check/check-async.ts's CaseRunner):
 * each loads the scenario once and runs the cases it is given, one at a time. `runInOrder` hands a batch's cases out
 * in order to whichever worker is free and gives their verdicts to the
 * caller in that same order, as soon as each is next in line; once the
 * caller says a case failed, nothing more of the batch is handed out, and
 * the runs still going (at most one per worker) are left to finish and
 * ignored. So a search sees the verdicts a single thread would have given,
 * whatever the number of workers.
 */
import { Worker } from 'node:worker_threads';
import type { RunResult } from '../runner/run-scenario.js';
import { errorFromFields } from './worker-error.js';
import type { CaseVerdict, ScenarioCase } from '../runner/case-run.js';
import type { CheckWorkerInit, FromCheckWorker, ToCheckWorker } from './check-protocol.js';
import { CHECK_YOUNG_GENERATION_MB } from './young-generation.js';

export class CheckPoolError extends Error {
  override name = 'CheckPoolError';
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  /** The id of the case it runs, or -1. */
  running: number;
}

type Outcome = { readonly verdict: CaseVerdict } | { readonly result: RunResult } | { readonly error: Error };

/** The batch being run: its cases, the id of its first, what came back, and the next case to hand out and to take. */
interface Batch {
  readonly cases: readonly ScenarioCase[];
  readonly firstId: number;
  readonly full: boolean;
  readonly done: Map<number, Outcome>;
  nextOut: number;
  nextIn: number;
  readonly take: (o: Outcome) => boolean;
  readonly settle: (e?: Error) => void;
}

export class CheckPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private batch: Batch | undefined;
  private failure: Error | undefined;
  private onReady: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly init: CheckWorkerInit, private readonly workers: number) {}

  /** Starts the workers; resolves once one has loaded the scenario (the others join as they are ready). */
  start(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => { this.onReady = { resolve, reject }; });
    for (let i = 0; i < Math.max(1, this.workers); i++) {
      const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: this.init, resourceLimits: { maxYoungGenerationSizeMb: CHECK_YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, ready: false, running: -1 };
      this.slots.push(slot);
      worker.on('message', (m: FromCheckWorker) => this.onMessage(slot, m));
      worker.on('error', (e) => this.fail(new CheckPoolError(`a check worker crashed: ${e.stack ?? e.message}`)));
      worker.on('exit', (code) => this.fail(new CheckPoolError(`a check worker exited unexpectedly (code ${code})`)));
    }
    return ready;
  }

  /** Runs `cases` in order, giving each verdict to `take` in order until it returns false. */
  runInOrder(cases: readonly ScenarioCase[], take: (v: CaseVerdict) => boolean): Promise<void> {
    return this.runBatch(cases, false, (o) => take((o as { verdict: CaseVerdict }).verdict));
  }

  /** One case with its whole result, timeline included. */
  async full(c: ScenarioCase): Promise<RunResult> {
    let result: RunResult | undefined;
    await this.runBatch([c], true, (o) => { result = (o as { result: RunResult }).result; return false; });
    return result!;
  }

  /** Ends the workers, whatever they are doing. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => { s.worker.removeAllListeners('exit'); return s.worker.terminate(); }));
  }

  private runBatch(cases: readonly ScenarioCase[], full: boolean, take: (o: Outcome) => boolean): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.batch !== undefined) throw new Error('CheckPool: one batch at a time');
    return new Promise<void>((resolve, reject) => {
      const firstId = this.nextId;
      this.nextId += cases.length;
      this.batch = {
        cases, firstId, full, done: new Map(), nextOut: 0, nextIn: 0, take,
        settle: (e) => { this.batch = undefined; if (e === undefined) resolve(); else reject(e); },
      };
      if (cases.length === 0) { this.batch.settle(); return; }
      for (const slot of this.slots) this.feed(slot);
    });
  }

  private onMessage(slot: Slot, m: FromCheckWorker): void {
    switch (m.t) {
      case 'ready':
        slot.ready = true;
        this.onReady?.resolve();
        this.feed(slot);
        return;
      case 'load-error':
        this.fail(errorFromFields(m));
        return;
      case 'verdict': this.arrive(slot, m.id, { verdict: m.verdict }); return;
      case 'result': this.arrive(slot, m.id, { result: m.result }); return;
      case 'run-error': this.arrive(slot, m.id, { error: errorFromFields(m) }); return;
    }
  }

  /** A case came back: free its worker, and pass on every outcome that is now next in line. */
  private arrive(slot: Slot, id: number, outcome: Outcome): void {
    slot.running = -1;
    const b = this.batch;
    // Cases of a batch already settled ran ahead of a failure: nobody needs them.
    if (b !== undefined && id >= b.firstId) {
      b.done.set(id - b.firstId, outcome);
      if (!this.passOn(b)) return;
    }
    this.feed(slot);
  }

  /** Hands the outcomes that are next in line to the batch's taker; false once the batch has settled. */
  private passOn(b: Batch): boolean {
    for (let o = b.done.get(b.nextIn); o !== undefined; o = b.done.get(b.nextIn)) {
      b.done.delete(b.nextIn);
      b.nextIn++;
      if ('error' in o) { b.settle(o.error); return false; }
      let goOn: boolean;
      try {
        goOn = b.take(o);
      } catch (e) {
        b.settle(e instanceof Error ? e : new Error(String(e)));
        return false;
      }
      if (!goOn || b.nextIn === b.cases.length) { b.settle(); return false; }
    }
    return true;
  }

  private feed(slot: Slot): void {
    const b = this.batch;
    if (b === undefined || !slot.ready || slot.running !== -1 || b.nextOut >= b.cases.length) return;
    const k = b.nextOut++;
    const c = b.cases[k]!;
    slot.running = b.firstId + k;
    const msg: ToCheckWorker = { t: 'run', id: slot.running, seed: c.seed, faults: c.faults, full: b.full };
    slot.worker.postMessage(msg);
  }

  private fail(e: Error): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    this.onReady?.reject(e);
    this.batch?.settle(e);
  }
}
