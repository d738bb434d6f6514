import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { bulkheadFullMessage, idleIsTimed, retiresAfterKeepAlive, threadPoolAdmission, threadPoolDefaults, type ThreadPoolLimits } from './admission.js';
import { PERMITTED, settleOutcome, type BulkheadOutcome, type Compartment } from './outcome.js';
import { RejectionEpisodes } from './rejection-episodes.js';

/**
 * resilience4j's `FixedThreadPoolBulkhead` [R4J-BH-IMPL]: a
 * `ThreadPoolExecutor(core, max, keepAlive, queue)` with `AbortPolicy`,
 * where the queue is an `ArrayBlockingQueue(queueCapacity)`, or a
 * `SynchronousQueue` when `queueCapacity` is 0. Admission follows
 * `ThreadPoolExecutor.execute` exactly (admission.ts): below core a new
 * thread, else the queue, else a new thread up to max, else
 * `BulkheadFullException`.
 *
 * A task holds its thread for as long as the caller says: `onStart` runs
 * when a thread picks the task up, and the caller calls `done()` when the
 * work is over. The freed thread then takes the oldest queued task (FIFO),
 * or waits idle: a thread that goes idle while the pool has more than core
 * threads retires after `keepAliveMs` if the pool still has more than core
 * threads then; otherwise it stays for good (`getTask`'s untimed `take()`)
 * [JDK-TPE]. Which idle thread gets the next task: the longest idle with
 * the `ArrayBlockingQueue` (take/poll wait on its `notEmpty` condition,
 * signalled longest waiter first) [JDK-ABQ], the most recent with the
 * non-fair `SynchronousQueue` (a LIFO stack) [JDK-SQ].
 *
 * Not modelled: CPU contention between threads (each busy thread runs at
 * full speed: the service time is the caller's), cancelling a queued task,
 * `close()`.
 */
export interface ThreadPoolBulkheadOptions {
  /** The JVM's `availableProcessors()`, from which resilience4j's defaults follow (2). */
  readonly cpus?: number;
  /** `coreThreadPoolSize` (cpus - 1, at least 1). */
  readonly coreThreadPoolSize?: number;
  /** `maxThreadPoolSize` (cpus). */
  readonly maxThreadPoolSize?: number;
  /** `queueCapacity` (100); 0 uses a SynchronousQueue. */
  readonly queueCapacity?: number;
  /** `keepAliveDuration` in ms (20). */
  readonly keepAliveMs?: number;
  /** Quiet time that closes a rejection episode in the trace (rejection-episodes.ts). */
  readonly episodeQuietMs?: number;
}

interface QueuedTask {
  readonly onStart: (arg: any) => void;
  readonly arg: unknown;
  readonly since: Micros;
}

/** One idle period of a worker thread (reused: busy threads need no object). */
interface IdleThread {
  timer: number;
}

/** ThreadPoolBulkheadConfig.Builder's checks, with its messages. */
function checkedLimits(name: string, o: ThreadPoolBulkheadOptions): ThreadPoolLimits & { keepAliveMs: number } {
  const d = threadPoolDefaults(o.cpus ?? 2);
  const max = o.maxThreadPoolSize ?? d.maxThreadPoolSize, core = o.coreThreadPoolSize ?? d.coreThreadPoolSize;
  const queue = o.queueCapacity ?? d.queueCapacity, keepAliveMs = o.keepAliveMs ?? d.keepAliveMs;
  const bad = (msg: string) => new Error(`bulkhead ${name}: ${msg}`);
  if (!(Number.isInteger(max) && max >= 1)) throw bad(`maxThreadPoolSize must be a positive integer value >= 1, got ${max}`);
  if (!(Number.isInteger(core) && core >= 1)) throw bad(`coreThreadPoolSize must be a positive integer value >= 1, got ${core}`);
  if (!(Number.isInteger(queue) && queue >= 0)) throw bad(`queueCapacity must be a positive integer value >= 0, got ${queue}`);
  if (!(keepAliveMs >= 0 && keepAliveMs < Infinity)) throw bad(`keepAliveDuration must be a positive integer value >= 0, got ${keepAliveMs}`);
  if (max < core) throw bad(`maxThreadPoolSize must be a greater than or equals to coreThreadPoolSize (${max} < ${core})`);
  return { coreThreadPoolSize: core, maxThreadPoolSize: max, queueCapacity: queue, keepAliveMs };
}

export class ThreadPoolBulkhead implements Compartment {
  readonly coreThreadPoolSize: number;
  readonly maxThreadPoolSize: number;
  readonly queueCapacity: number;
  readonly keepAliveMs: number;
  /** Tasks accepted (started at once or queued). */
  accepted = 0;
  /** Tasks turned away with BulkheadFullException. */
  rejected = 0;
  /** Tasks whose `done()` came. */
  completed = 0;
  /** Most threads alive, most busy at once, longest queue. */
  peakThreads = 0;
  peakActive = 0;
  peakQueued = 0;
  /** Tasks that waited in the queue, and their total and longest wait, µs. */
  queuedTasks = 0;
  queueWaitTotalUs = 0;
  queueWaitMaxUs = 0;
  /** Threads started and threads retired after keep-alive. */
  threadsCreated = 0;
  threadsRetired = 0;
  private threads = 0;
  private busy = 0;
  /** Idle threads in the order they began waiting (the queue's consumers). */
  private readonly idle: IdleThread[] = [];
  private readonly spare: IdleThread[] = [];
  private readonly queue: (QueuedTask | undefined)[] = [];
  private qHead = 0;
  private readonly keepAlive: Micros;
  private readonly episodes: RejectionEpisodes;
  private readonly fullMessage: string;
  private readonly keepAliveFired = (t: IdleThread) => this.keepAliveExpired(t);
  private deciding: Event<BulkheadOutcome> | null = null;
  private readonly startEvent = (ev: Event<BulkheadOutcome>) => settleOutcome(ev, ev === this.deciding, PERMITTED);
  private readonly rejectEvent = (error: string, ev: Event<BulkheadOutcome>) => settleOutcome(ev, ev === this.deciding, { ok: false, error });

  constructor(private readonly sim: Simulation, readonly name: string, options: ThreadPoolBulkheadOptions = {}) {
    const l = checkedLimits(name, options);
    this.coreThreadPoolSize = l.coreThreadPoolSize;
    this.maxThreadPoolSize = l.maxThreadPoolSize;
    this.queueCapacity = l.queueCapacity;
    this.keepAliveMs = l.keepAliveMs;
    this.keepAlive = ms(l.keepAliveMs);
    this.fullMessage = bulkheadFullMessage(name);
    this.episodes = new RejectionEpisodes(sim, name, options.episodeQuietMs);
  }

  /** `getThreadPoolSize()`: threads alive, busy or idle. */
  get poolSize(): number { return this.threads; }
  /** `getActiveThreadCount()`: threads running a task. */
  get activeThreads(): number { return this.busy; }
  /** `getQueueDepth()`. */
  get queueDepth(): number { return this.queue.length - this.qHead; }
  /** `getRemainingQueueCapacity()`. */
  get remainingQueueCapacity(): number { return this.queueCapacity - this.queueDepth; }

  /**
   * Submits a task: `onStart(arg)` when a thread picks it up (before this
   * returns if a thread is free or may be started), or `onReject(message,
   * arg)` before this returns when threads and queue are full. Each start is
   * matched by one `done()`.
   */
  submit<A>(onStart: (arg: A) => void, onReject: (error: string, arg: A) => void, arg: A): void {
    const decision = threadPoolAdmission(this.threads, this.idle.length, this.queueDepth, this);
    if (decision === 'reject') {
      this.rejected++;
      this.episodes.rejected(this.maxThreadPoolSize, this.busy, this.queueDepth);
      onReject(this.fullMessage, arg);
      return;
    }
    this.accepted++;
    if (decision === 'enqueue') {
      this.queue.push({ onStart, arg, since: this.sim.now });
      if (this.queueDepth > this.peakQueued) this.peakQueued = this.queueDepth;
      return;
    }
    if (decision === 'new-thread') {
      this.threadsCreated++;
      if (++this.threads > this.peakThreads) this.peakThreads = this.threads;
    } else {
      this.wake();
    }
    if (++this.busy > this.peakActive) this.peakActive = this.busy;
    onStart(arg);
  }

  /** The task's work is over: its thread takes the oldest queued task or goes idle. */
  done(): void {
    if (this.busy === 0) throw new Error(`bulkhead ${this.name}: done() without a running task`);
    this.completed++;
    const next = this.shiftQueued();
    if (next !== undefined) {
      const waited = this.sim.now - next.since;
      this.queuedTasks++;
      this.queueWaitTotalUs += waited;
      if (waited > this.queueWaitMaxUs) this.queueWaitMaxUs = waited;
      next.onStart(next.arg);
      return;
    }
    this.busy--;
    this.goIdle();
  }

  /** A process's view of `submit`: the event comes when the task starts (ok) or is rejected. Finish with `done()`. */
  submitEvent(): Event<BulkheadOutcome> {
    const ev = this.sim.event<BulkheadOutcome>();
    this.deciding = ev;
    this.submit(this.startEvent, this.rejectEvent, ev);
    this.deciding = null;
    return ev;
  }

  enter<A>(onEnter: (arg: A) => void, onReject: (error: string, arg: A) => void, arg: A): void {
    this.submit(onEnter, onReject, arg);
  }

  exit(): void {
    this.done();
  }

  /** An idle thread takes a task: the longest idle (ArrayBlockingQueue) or the newest (SynchronousQueue). */
  private wake(): void {
    const t = this.queueCapacity > 0 ? this.idle.shift()! : this.idle.pop()!;
    if (t.timer >= 0) this.sim.cancel(t.timer);
    t.timer = -1;
    this.spare.push(t);
  }

  /** `getTask`: poll with keep-alive while the pool is above core, else an untimed take. */
  private goIdle(): void {
    const t = this.spare.pop() ?? { timer: -1 };
    t.timer = idleIsTimed(this.threads, this.coreThreadPoolSize) ? this.sim.schedule(this.keepAlive, this.keepAliveFired, t) : -1;
    this.idle.push(t);
  }

  private keepAliveExpired(t: IdleThread): void {
    t.timer = -1;
    const i = this.idle.indexOf(t);
    this.idle.splice(i, 1);
    if (retiresAfterKeepAlive(this.threads, this.coreThreadPoolSize)) {
      this.threads--;
      this.threadsRetired++;
      this.spare.push(t);
      return;
    }
    // Back to an untimed take(): it joins the consumers' wait at the back.
    this.idle.push(t);
  }

  private shiftQueued(): QueuedTask | undefined {
    if (this.qHead === this.queue.length) return undefined;
    const task = this.queue[this.qHead]!;
    this.queue[this.qHead++] = undefined;
    if (this.qHead === this.queue.length) { this.queue.length = 0; this.qHead = 0; }
    else if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) { this.queue.splice(0, this.qHead); this.qHead = 0; }
    return task;
  }
}
