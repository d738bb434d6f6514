import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { ServiceCall, ServiceReply } from '../service/service.js';
import type { BlockingDetector } from './blocking-detector.js';
import { CpuPool } from './cpu-pool.js';
import { sampleCpuCost } from './cpu-cost.js';
import type { EventLoopEvents } from './event-loop-events.js';
import { DEFAULT_EVENT_LOOP, checkEventLoopOptions, type EventLoopOptions } from './event-loop-options.js';
import type { QueueDepthBreaker } from './queue-depth-breaker.js';

interface Req {
  readonly call: ServiceCall;
  readonly arrivedAt: Micros;
  /** The coroutine's start (-1: not started). */
  startedAt: Micros;
  /** Inference CPU µs, 0 for a request without it. */
  readonly inferenceUs: Micros;
  /** Inside the breaker's `call()`: its `finally` is owed. */
  admitted: boolean;
}

/** What the loop does when a callback's CPU time is over. */
type Then = 'finish' | 'submit' | 'reject';

interface Callback {
  readonly req: Req;
  readonly step: 'start' | 'respond';
  readonly readyAt: Micros;
  then: Then;
}

/**
 * An asyncio/uvicorn server: ONE thread runs every request's Python, one
 * callback at a time, FIFO (asyncio's `_ready` deque), each callback
 * holding the loop until it returns. A request is one callback (parse,
 * handle, respond: `loopCostMs`), plus its inference: on the loop inside
 * the same callback (`offload: 'off'`, the seed 000-C bug: a 200 ms
 * inference makes every request behind it wait 200 ms), or in a pool, the
 * loop then running a second callback to respond when the pool is done.
 *
 * Two counts the seed's breaker confuses (next-models §2.4):
 * `loopBacklog`, requests that arrived and whose coroutine has not started
 * (the kernel's accept queue and the loop's ready queue, merged: ASSUMPTION,
 * both are "waiting for the loop"), bounded by `backlog` [GUNICORN] [UVICORN];
 * and `appInFlight`, coroutines started and not finished (what the breaker
 * and uvicorn's `--limit-concurrency` see).
 *
 * Offers GenericService's `arrive`/`readVersion` so a ResilientCaller can
 * call it. Faults (models/lifecycle): `crash` (restartAfterMs), `hang`
 * (the loop and its pool freeze), `restart`.
 */
export class EventLoopServer {
  readonly options: EventLoopOptions & { readonly optimisticConcurrency: false };
  readonly life: Lifecycle<CrashParams>;
  arrived = 0;
  served = 0;
  /** Refused at once: nothing listening (stopped or starting). */
  refused = 0;
  /** Dropped: the listen backlog was full (Linux drops the SYN; the client's connect timeout ends it). */
  dropped = 0;
  /** 503 from `limitConcurrency`. */
  overloaded = 0;
  /** 503 from the breaker (open, or tripped by this call). */
  breakerRejected = 0;
  resets = 0;
  peakLoopBacklog = 0;
  peakAppInFlight = 0;
  /** Time the loop spent running callbacks. */
  loopBusyUs: Micros = 0;
  callbacks = 0;
  /** Every answer sent: latency from arrival, and the reply. */
  readonly requestDone = new Hooks<Micros, ServiceReply>();
  /** Every callback as the loop starts it: how long it waited in the ready queue (loop lag). */
  readonly loopLag = new Hooks<Micros>();
  private loopBacklogCount = 0;
  private appInFlightCount = 0;
  private ready: Callback[] = [];
  private head = 0;
  private current: Callback | null = null;
  /** When the current callback got the loop. */
  private runStartedAt: Micros = 0;
  private timer = -1;
  private readonly rng: RandomStream;
  private readonly pool: CpuPool<Req>;
  private breaker: QueueDepthBreaker | null = null;
  private callbackDetector: BlockingDetector | null = null;
  private requestDetector: BlockingDetector | null = null;
  private readonly ended = (cb: Callback) => this.callbackEnded(cb);
  /** Requests the last stop took down (for its trace record). */
  private lastDropped = 0;

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<EventLoopOptions> = {}) {
    this.options = { ...DEFAULT_EVENT_LOOP, ...options, optimisticConcurrency: false };
    checkEventLoopOptions(name, this.options);
    this.rng = sim.rng(`event-loop/${name}`);
    const o = this.options;
    // A process pool gives each worker its own interpreter and CPU; threads share `cpuCores` under the GIL.
    const cores = o.offload === 'process-pool' ? o.workers : o.cpuCores;
    this.pool = new CpuPool<Req>(sim, o.workers, cores, (req) => this.push(req, 'respond'));
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, hang: NO_PARAMS, restart: NO_PARAMS },
      restartDelay: (cause, detail) => restartOnRequest(cause, detail),
    }, {
      stopping: () => { this.lastDropped = this.dropAll(); },
      stopped: (cause) => this.sim.trace.typed<EventLoopEvents>().emit(name, 'stopped', { cause, dropped: this.lastDropped }),
      running: () => { this.sim.trace.typed<EventLoopEvents>().emit(name, 'started'); this.kick(); },
      hanging: () => this.freeze(),
    });
  }

  /** Wiring: the seed's InferenceCircuitBreaker wraps every request's handler. */
  guardWith(breaker: QueueDepthBreaker): void {
    this.breaker = breaker;
  }

  /** Wiring: asyncio debug mode's slow-callback warning (measure 'callback'). */
  detectSlowCallbacks(detector: BlockingDetector): void {
    this.callbackDetector = detector;
  }

  /** Wiring: the seed's BlockingDetectorMiddleware (measure 'request'). */
  detectSlowRequests(detector: BlockingDetector): void {
    this.requestDetector = detector;
  }

  /** Requests waiting for the loop to start their coroutine. */
  get loopBacklog(): number { return this.loopBacklogCount; }
  /** Coroutines started and not finished (the breaker's `queue_depth` counts these). */
  get appInFlight(): number { return this.appInFlightCount; }
  /** Callbacks waiting in the ready queue (new requests and pool completions). */
  get readyLength(): number { return this.ready.length - this.head; }
  /** Inference jobs in the offload pool, running or waiting for a worker. */
  get poolSize(): number { return this.pool.size; }

  /** A request reaches the server now. False: its SYN was dropped (backlog full): the caller's connect timeout ends it. */
  arrive(call: ServiceCall): boolean {
    if (this.refuses(call)) return true;
    if (this.loopBacklogCount >= this.options.backlog) {
      this.dropped++;
      return false;
    }
    this.arrived++;
    const o = this.options;
    const inferenceUs = o.inferenceFraction > 0 && (o.inferenceFraction >= 1 || this.rng.next() < o.inferenceFraction)
      ? sampleCpuCost(o.inference, this.rng) : 0;
    const req: Req = { call, arrivedAt: this.sim.now, startedAt: -1, inferenceUs, admitted: false };
    this.loopBacklogCount++;
    if (this.loopBacklogCount > this.peakLoopBacklog) this.peakLoopBacklog = this.loopBacklogCount;
    this.push(req, 'start');
    return true;
  }

  /** No versioned row here (optimisticConcurrency is false): 'hung' while frozen, else 0. */
  readVersion(call: ServiceCall): number | 'refused' | 'silent' | 'hung' {
    if (this.refuses(call)) return 'refused';
    return this.life.state === 'hung' ? 'hung' : 0;
  }

  private refuses(call: ServiceCall): boolean {
    const state = this.life.state;
    if (state !== 'stopped' && state !== 'starting') return false;
    this.refused++;
    call.answer('refused', 0);
    return true;
  }

  private push(req: Req, step: 'start' | 'respond'): void {
    this.ready.push({ req, step, readyAt: this.sim.now, then: 'finish' });
    this.kick();
  }

  /** Gives the loop its next callback if it is free and running. */
  private kick(): void {
    if (this.current !== null || this.head >= this.ready.length || this.life.state !== 'running') return;
    const cb = this.ready[this.head]!;
    this.ready[this.head++] = undefined as unknown as Callback;
    if (this.head > 1024 && this.head * 2 > this.ready.length) { this.ready = this.ready.slice(this.head); this.head = 0; }
    this.current = cb;
    this.runStartedAt = this.sim.now;
    this.loopLag.call(this.sim.now - cb.readyAt, undefined);
    const cost = cb.step === 'start' ? this.begin(cb) : this.halfAfter();
    this.timer = this.sim.schedule(cost, this.ended, cb);
  }

  /** Parse and respond are half of `loopCostMs` each when a pool splits the request in two callbacks. */
  private halfBefore(): Micros { return Math.floor(ms(this.options.loopCostMs) / 2); }
  private halfAfter(): Micros { return ms(this.options.loopCostMs) - this.halfBefore(); }

  /** The coroutine starts: the admission checks run, then its first callback's CPU cost. */
  private begin(cb: Callback): Micros {
    const req = cb.req, o = this.options;
    this.loopBacklogCount--;
    if (o.limitConcurrency > 0 && this.appInFlightCount >= o.limitConcurrency) {
      this.overloaded++;
      cb.then = 'reject';
      return this.halfBefore();
    }
    if (this.breaker !== null) {
      const verdict = this.breaker.enter(this.sim.now);
      if (verdict !== 'admit') return this.rejectByBreaker(cb, verdict === 'tripped');
      req.admitted = true;
    }
    req.startedAt = this.sim.now;
    if (++this.appInFlightCount > this.peakAppInFlight) this.peakAppInFlight = this.appInFlightCount;
    if (req.inferenceUs === 0) return ms(o.loopCostMs);
    if (o.offload === 'off') return ms(o.loopCostMs) + req.inferenceUs;
    cb.then = 'submit';
    return this.halfBefore();
  }

  private rejectByBreaker(cb: Callback, tripped: boolean): Micros {
    this.breakerRejected++;
    if (tripped) this.sim.trace.typed<EventLoopEvents>().emit(this.name, 'breaker-tripped', { appInFlight: this.appInFlightCount, loopBacklog: this.loopBacklogCount });
    cb.then = 'reject';
    return this.halfBefore();
  }

  private callbackEnded(cb: Callback): void {
    const duration = this.sim.now - this.runStartedAt;
    this.timer = -1;
    this.current = null;
    this.callbacks++;
    this.loopBusyUs += duration;
    this.callbackDetector?.observe(duration);
    if (cb.then === 'reject') this.answer(cb.req, 'overloaded');
    else if (cb.then === 'submit') this.pool.submit(cb.req.inferenceUs, cb.req);
    else this.finish(cb.req);
    this.kick();
  }

  /** The coroutine returns its response: the breaker's `finally`, the middleware's timing, the answer. */
  private finish(req: Req): void {
    this.appInFlightCount--;
    if (req.admitted) { req.admitted = false; this.breaker?.exit(); }
    this.requestDetector?.observe(this.sim.now - req.startedAt);
    this.served++;
    this.answer(req, 'ok');
  }

  private answer(req: Req, reply: ServiceReply): void {
    this.requestDone.call(this.sim.now - req.arrivedAt, reply);
    req.call.answer(reply, 0);
  }

  /** A hang freezes the loop mid-callback and the pool with it; arrivals pile up in the backlog. */
  private freeze(): void {
    this.sim.cancel(this.timer);
    this.timer = -1;
    this.pool.freeze();
  }

  /**
   * The process exits: every connection it holds is reset (accepted or
   * still in the listen queue: the kernel closes the socket). The breaker
   * lived in the process's memory, so it starts again empty.
   */
  private dropAll(): number {
    this.sim.cancel(this.timer);
    this.timer = -1;
    const reqs = new Set<Req>();
    if (this.current !== null) reqs.add(this.current.req);
    for (let i = this.head; i < this.ready.length; i++) reqs.add(this.ready[i]!.req);
    for (const req of this.pool.clear()) reqs.add(req);
    this.current = null;
    this.ready = [];
    this.head = 0;
    this.loopBacklogCount = 0;
    this.appInFlightCount = 0;
    this.breaker?.reset();
    this.resets += reqs.size;
    for (const req of reqs) this.answer(req, 'reset');
    return reqs.size;
  }
}
