import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';

interface Running<T> {
  /** CPU µs still to do. */
  left: number;
  readonly item: T;
}

/**
 * A pool of `slots` workers sharing `cores` CPUs by processor sharing: n
 * running jobs each progress at min(1, cores / n) of real time. Beyond
 * `slots`, jobs wait FIFO for a worker (anyio's CapacityLimiter, a
 * ProcessPoolExecutor's call queue).
 *
 * Why processor sharing: CPython threads take turns on the GIL every
 * switch interval (5 ms, `sys.getswitchinterval()`), so 40 threads of pure
 * Python inference on one GIL advance together, each at 1/40 speed, rather
 * than one after another. With `cores` = `slots` (a process pool) every
 * running job has a CPU of its own and this is a plain c-server FIFO queue.
 * Not modelled: the loop thread's own GIL waits while pool threads run.
 */
export class CpuPool<T> {
  private running: Running<T>[] = [];
  private waiting: Running<T>[] = [];
  private head = 0;
  private updatedAt: Micros = 0;
  private timer = -1;
  private readonly tick = () => this.completeDue();

  constructor(private readonly sim: Simulation, readonly slots: number, readonly cores: number, private readonly done: (item: T) => void) {}

  /** Jobs running or waiting for a worker. */
  get size(): number {
    return this.running.length + this.waiting.length - this.head;
  }

  get busy(): number {
    return this.running.length;
  }

  submit(work: Micros, item: T): void {
    this.advance();
    const job: Running<T> = { left: work, item };
    if (this.running.length < this.slots) this.running.push(job);
    else this.waiting.push(job);
    this.reschedule();
  }

  /** The process died: every job is gone, returned so the caller can answer for it. */
  clear(): T[] {
    this.sim.cancel(this.timer);
    this.timer = -1;
    const items = [...this.running, ...this.waiting.slice(this.head)].map((j) => j.item);
    this.running = [];
    this.waiting = [];
    this.head = 0;
    return items;
  }

  /** The process is frozen: nothing progresses (until `clear`). */
  freeze(): void {
    this.sim.cancel(this.timer);
    this.timer = -1;
  }

  private rate(): number {
    return Math.min(1, this.cores / this.running.length);
  }

  /** Charges the time since the last change to every running job. */
  private advance(): void {
    const elapsed = this.sim.now - this.updatedAt;
    this.updatedAt = this.sim.now;
    if (elapsed === 0 || this.running.length === 0) return;
    const progress = elapsed * this.rate();
    for (const job of this.running) job.left -= progress;
  }

  private reschedule(): void {
    this.sim.cancel(this.timer);
    this.timer = -1;
    if (this.running.length === 0) return;
    let min = Infinity;
    for (const job of this.running) if (job.left < min) min = job.left;
    // Whole µs, rounded up: at the tick the shortest job has finished.
    this.timer = this.sim.schedule(Math.max(0, Math.ceil(min / this.rate() - 1e-9)), this.tick);
  }

  private completeDue(): void {
    this.timer = -1;
    this.advance();
    const finished: T[] = [];
    this.running = this.running.filter((job) => {
      if (job.left > 1e-6) return true;
      finished.push(job.item);
      return false;
    });
    while (this.running.length < this.slots && this.head < this.waiting.length) {
      this.running.push(this.waiting[this.head]!);
      this.waiting[this.head++] = undefined as unknown as Running<T>;
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) { this.waiting = this.waiting.slice(this.head); this.head = 0; }
    this.reschedule();
    for (const item of finished) this.done(item);
  }
}
