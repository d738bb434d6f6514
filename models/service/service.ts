import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle, type StopCause } from '../lifecycle/lifecycle.js';
import { restartOnRequest, type RestartDelay } from '../lifecycle/restart-policy.js';
import { Hooks } from '../client/hooks.js';
import { Degradation } from './degradation.js';
import type { ServiceEvents } from './service-events.js';
import { DEFAULT_SERVICE, checkServiceOptions, type GenericServiceOptions } from './service-options.js';

/**
 * What a caller hears back: `ok`; `error` (served, failed: HTTP 500);
 * `refused` (ECONNREFUSED: nothing listening); `reset` (the process died with
 * the request in it: the kernel resets the connection); `overloaded` (503,
 * the queue is full); `conflict` (with optimistic concurrency: another
 * write committed since this one's read). A hung process or a lost node
 * answers nothing: only the caller's timeout ends the wait.
 */
export type ServiceReply = 'ok' | 'error' | 'refused' | 'reset' | 'overloaded' | 'conflict';

/** A request as the service holds it: the caller's object, told the answer when the service sends it. */
export interface ServiceCall {
  /** Called at the instant the service answers; the caller adds the way back. `retryAfterUs` 0: none. */
  answer(reply: ServiceReply, retryAfterUs: Micros): void;
  /** With optimistic concurrency: the row version this write read (undefined: a plain request, always applied). */
  readonly expectedVersion?: number | undefined;
  /** When the caller gives up on the whole call (absolute; undefined or Infinity: never): passed on to downstream calls. */
  readonly deadlineAt?: Micros | undefined;
}

interface Job {
  readonly call: ServiceCall;
  timer: number;
}

/**
 * What a request does after its own service time, still holding its
 * worker: typically a call to a dependency through a ResilientCaller (a
 * gateway, an API in front of a database). It calls `done(true)` when the
 * downstream work succeeded, `done(false)` when it failed (the request is
 * answered with an error), exactly once. `deadlineAt` is the request's own
 * deadline, to pass on (`ResilientCaller.call(done, deadlineAt)`).
 */
export type Downstream = (done: (ok: boolean) => void, deadlineAt: Micros) => void;

/**
 * A generic service (see GenericServiceOptions): workers, a FIFO queue, memory per
 * request and a memory limit, seed 001's dependency faults (Degradation) and
 * the shared lifecycle's crash, hang, OOM kill and restart. A request a
 * caller has given up on is still served: the service cannot know, so a
 * timed-out retry storm costs it real work.
 */
export class GenericService {
  readonly options: GenericServiceOptions;
  readonly life: Lifecycle<CrashParams>;
  readonly degradation: Degradation;
  served = 0;
  errors = 0;
  refused = 0;
  overloaded = 0;
  resets = 0;
  oomKills = 0;
  peakInFlight = 0;
  peakMemoryBytes = 0;
  /** Writes refused because another committed since their read (optimistic concurrency). */
  conflicts = 0;
  /** The row's version: writes committed so far (optimistic concurrency). */
  version = 0;
  /** Every change of memoryBytes, with the new value (observers turn it into time above thresholds). */
  readonly memoryChanged = new Hooks<number>();
  private readonly restartListeners: (() => void)[] = [];
  private readonly stopListeners: (() => void)[] = [];
  /** Inside a stop: the requests are being reset, and a caller answered now must not be admitted again. */
  private dying = false;
  private busy: Job[] = [];
  private queue: Job[] = [];
  private head = 0;
  private readonly rng: RandomStream;
  /** Requests the last stop took down with it (for its trace record). */
  private dropped = 0;
  private readonly finish = (job: Job) => this.worked(job);
  private downstream: Downstream | null = null;

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<GenericServiceOptions> = {}) {
    this.options = { ...DEFAULT_SERVICE, ...options };
    checkServiceOptions(name, this.options);
    this.rng = sim.rng(`service/${name}`);
    this.degradation = new Degradation(sim, name);
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, hang: NO_PARAMS, restart: NO_PARAMS, 'node-crash': NO_PARAMS, 'node-recover': NO_PARAMS },
      restartDelay: (cause, detail) => this.restartDelay(cause, detail),
    }, {
      stopping: (cause) => {
        this.dying = true;
        this.dropped = this.dropAll(cause === 'node-crash' ? null : 'reset');
        this.dying = false;
      },
      stopped: (cause) => {
        this.sim.trace.typed<ServiceEvents>().emit(name, 'stopped', { cause, dropped: this.dropped });
        this.memoryChanged.call(0, undefined);
        for (const fn of this.stopListeners) fn();
      },
      running: () => {
        this.sim.trace.typed<ServiceEvents>().emit(name, 'started');
        this.memoryChanged.call(this.memoryBytes, undefined);
        for (const fn of this.restartListeners) fn();
      },
      hanging: () => this.freeze(),
    });
  }

  /**
   * Wiring, not measuring: `fn` runs each time the process starts again
   * after a stop (a client's connections to it died with the old process).
   */
  whenRestarted(fn: () => void): void {
    this.restartListeners.push(fn);
  }

  /** Wiring, not measuring: `fn` runs each time the process has stopped (crash, OOM kill, restart's stop half). */
  whenStopped(fn: () => void): void {
    this.stopListeners.push(fn);
  }

  /** Requests waiting or being served. */
  get inFlight(): number {
    return this.busy.length + this.queue.length - this.head;
  }

  /** The process's memory: its base and what its requests hold; nothing while it is not running. */
  get memoryBytes(): number {
    if (!this.life.alive) return 0;
    return this.options.baseMemoryBytes + this.inFlight * this.options.memoryPerRequestBytes;
  }

  /**
   * The read of a read-modify-write reaches the service now: the row's
   * version, as Brooker's OCC server answers it at once without a worker
   * [BROOKER-SIM]; 'refused' (told through `call.answer` too), 'silent' (no
   * host) or 'hung' (connected, never answered) otherwise.
   */
  readVersion(call: ServiceCall): number | 'refused' | 'silent' | 'hung' {
    const state = this.life.state;
    if (state === 'node-down') return 'silent';
    if (this.refuses(call)) return 'refused';
    return state === 'hung' ? 'hung' : this.version;
  }

  /** Nothing listens (stopped, starting, dying, or a refuse fault): the refusal is told at once. */
  private refuses(call: ServiceCall): boolean {
    const state = this.life.state;
    if (!(this.dying || state === 'stopped' || state === 'starting' || this.degradation.refusing)) return false;
    this.refused++;
    call.answer('refused', 0);
    return true;
  }

  /**
   * A request reaches the service now. Answers false when nothing answers at
   * the TCP level (the node is gone): the caller's connect timeout runs out.
   * A refusal is told at once through `call.answer`.
   */
  arrive(call: ServiceCall): boolean {
    const state = this.life.state;
    if (state === 'node-down') return false;
    if (this.refuses(call)) return true;
    const job: Job = { call, timer: -1 };
    if (state === 'running' && this.busy.length < this.options.workers) this.serve(job);
    else if (this.queue.length - this.head < this.options.queueLimit) this.queue.push(job);
    else {
      this.overloaded++;
      call.answer('overloaded', ms(this.options.overloadRetryAfterMs));
      return true;
    }
    this.admitted();
    return true;
  }

  private admitted(): void {
    if (this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
    const memory = this.memoryBytes;
    if (memory > this.peakMemoryBytes) this.peakMemoryBytes = memory;
    if (this.options.memoryPerRequestBytes > 0) this.memoryChanged.call(memory, undefined);
    const limit = this.options.memoryLimitBytes;
    if (limit > 0 && memory > limit) {
      this.oomKills++;
      this.sim.trace.typed<ServiceEvents>().emit(this.name, 'oom-kill', { inFlight: this.inFlight, memoryBytes: memory, limitBytes: limit });
      this.life.stop('oom');
    }
  }

  private serve(job: Job): void {
    this.busy.push(job);
    job.timer = this.sim.schedule(this.serviceTime(), this.finish, job);
  }

  /** One request's time in a worker: the healthy draw, slowed, plus any latency spike. */
  private serviceTime(): Micros {
    const o = this.options, mean = o.serviceTimeMs;
    let t = mean;
    if (o.serviceTimeDistribution === 'exponential') t = this.rng.exponential(mean);
    else if (o.serviceTimeDistribution === 'lognormal') {
      const s2 = Math.log(1 + o.serviceTimeCv * o.serviceTimeCv);
      t = Math.exp(this.rng.normal(Math.log(mean) - s2 / 2, Math.sqrt(s2)));
    }
    return ms(t * this.degradation.slowFactor) + this.degradation.addUs;
  }

  /**
   * Wiring: every request makes this downstream call after its service
   * time, holding its worker until it is done, so a slow dependency fills
   * this service's workers and queue (the cascade bulkheads contain).
   */
  callsDownstream(fn: Downstream): void {
    this.downstream = fn;
  }

  /** The worker's own part of a request is done: the downstream call, if any, then the answer. */
  private worked(job: Job): void {
    job.timer = -1;
    const downstream = this.downstream;
    if (downstream === null) return this.finished(job, true);
    downstream((ok) => { if (this.busy.includes(job)) this.finished(job, ok); }, job.call.deadlineAt ?? Infinity);
  }

  private finished(job: Job, downstreamOk: boolean): void {
    const i = this.busy.indexOf(job);
    this.busy[i] = this.busy[this.busy.length - 1]!;
    this.busy.pop();
    const rate = this.degradation.errorRate;
    const failed = !downstreamOk || (rate > 0 && this.rng.next() < rate);
    const reply: ServiceReply = failed ? 'error' : this.commit(job.call.expectedVersion);
    if (failed) this.errors++;
    else this.served++;
    if (this.options.memoryPerRequestBytes > 0) this.memoryChanged.call(this.memoryBytes, undefined);
    if (this.head < this.queue.length) {
      const next = this.queue[this.head]!;
      this.queue[this.head++] = undefined as unknown as Job;
      if (this.head > 1024 && this.head * 2 > this.queue.length) { this.queue = this.queue.slice(this.head); this.head = 0; }
      this.serve(next);
    }
    job.call.answer(reply, 0);
  }

  /** A write carrying the version it read commits only if nothing else committed since (compare-and-set). */
  private commit(expectedVersion: number | undefined): ServiceReply {
    if (expectedVersion === undefined) return 'ok';
    if (expectedVersion !== this.version) {
      this.conflicts++;
      return 'conflict';
    }
    this.version++;
    return 'ok';
  }

  /** A hang freezes the workers: nothing finishes, arrivals wait in the queue. */
  private freeze(): void {
    for (const job of this.busy) { this.sim.cancel(job.timer); job.timer = -1; }
    this.queue = [...this.busy, ...this.queue.slice(this.head)];
    this.busy = [];
    this.head = 0;
  }

  /** The process exits with requests in it: the kernel resets their connections (a lost node says nothing). */
  private dropAll(reply: 'reset' | null): number {
    const jobs = [...this.busy, ...this.queue.slice(this.head)];
    for (const job of this.busy) this.sim.cancel(job.timer);
    this.busy = [];
    this.queue = [];
    this.head = 0;
    if (reply !== null) {
      this.resets += jobs.length;
      for (const job of jobs) job.call.answer(reply, 0);
    }
    return jobs.length;
  }

  private restartDelay(cause: StopCause, detail: CrashParams | undefined): RestartDelay {
    if (cause === 'oom') return ms(this.options.oomRestartMs);
    return restartOnRequest(cause, detail);
  }
}
