import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { cfsQuotaUs, DEFAULT_CFS_PERIOD_MS } from './cfs-quota.js';

export { cfsWallMs, cfsQuotaUs, DEFAULT_CFS_PERIOD_MS } from './cfs-quota.js';

export interface CfsCpuOptions {
  /** The container's CPU limit (500 for 500m): quota = limit × period. */
  readonly limitMillicores: number;
  /** The CPU request, the HPA's denominator; Kubernetes sets it to the limit when only a limit is given. */
  readonly requestMillicores?: number | undefined;
  /** cpu.cfs_period_us in ms (default 100). */
  readonly periodMs?: number | undefined;
  /** Cores the node lets the container's threads run on at once (default: as many as it has threads). */
  readonly nodeCores?: number | undefined;
}

/** The kernel's cpu.stat for the container's cgroup (cgroup v2 names), plus what metrics-server reads. */
export interface CpuStat {
  /** Periods in which the cgroup had runnable threads (the period timer runs only then). */
  readonly nrPeriods: number;
  /** Periods in which the quota ran out and the threads waited. */
  readonly nrThrottled: number;
  /** Throttled time summed over the CPUs whose run queues were throttled, in µs. */
  readonly throttledUsec: number;
  /** CPU consumed, in µs (cpu.stat usage_usec; cAdvisor's cumulative counter). */
  readonly usageUsec: number;
}

interface CpuJob {
  /** CPU µs still to run. */
  left: number;
  readonly done: () => void;
}

/** Float slack on CPU µs: a job within it of done is done (event times are whole µs). */
const EPS = 1e-6;

/**
 * A container's CPU under a CFS quota [K8S-RES], [CFS-LOKE]: jobs (requests
 * being computed, one thread each) run in parallel, each on at most one core
 * and at most `nodeCores` at once (beyond that they share the cores evenly),
 * until the period's quota is spent; then every thread waits for the next
 * period, which refills the quota (no burst: cpu.cfs_burst_us is 0).
 *
 * Exact fluid schedule: the only events are a job's end, the quota running
 * out and the period boundary while jobs are runnable; an idle container
 * schedules nothing. Periods are a fixed grid from the container's creation
 * (the kernel's period timer keeps its phase when it restarts).
 * Not modelled: the kernel hands out quota in 5 ms per-CPU slices
 * (sched_cfs_bandwidth_slice_us), which can throttle a little earlier.
 */
export class CfsCpu {
  readonly limitMillicores: number;
  readonly requestMillicores: number;
  readonly periodUs: Micros;
  readonly quotaUs: number;
  private readonly cores: number;
  private readonly origin: Micros;
  private jobs: CpuJob[] = [];
  private period = 0;
  private quotaLeft: number;
  private throttled = false;
  private last: Micros;
  private timer = -1;
  private countedPeriod = -1;
  private stat = { nrPeriods: 0, nrThrottled: 0, throttledUsec: 0, usageUsec: 0 };
  private readonly onTimer = () => this.step();

  constructor(private readonly sim: Simulation, readonly name: string, options: CfsCpuOptions) {
    if (!(options.limitMillicores > 0)) throw new RangeError(`CfsCpu ${name}: limitMillicores must be > 0`);
    this.limitMillicores = options.limitMillicores;
    this.requestMillicores = options.requestMillicores ?? options.limitMillicores;
    this.periodUs = ms(options.periodMs ?? DEFAULT_CFS_PERIOD_MS);
    this.quotaUs = cfsQuotaUs(this.limitMillicores, this.periodUs);
    this.cores = options.nodeCores ?? Infinity;
    this.origin = sim.now;
    this.last = sim.now;
    this.quotaLeft = this.quotaUs;
  }

  /** cpu.stat now. */
  get cpuStat(): CpuStat {
    this.advance(this.sim.now);
    return { ...this.stat };
  }

  /** Cumulative CPU µs used (what cAdvisor reports and metrics-server turns into a rate). */
  get usageUsec(): number {
    this.advance(this.sim.now);
    return this.stat.usageUsec;
  }

  /** Jobs runnable now (running or throttled). */
  get runnable(): number { return this.jobs.length; }
  /** Whether the quota is spent and the threads are waiting for the next period. */
  get isThrottled(): boolean { this.advance(this.sim.now); return this.throttled && this.jobs.length > 0; }

  /** Starts a job needing `cpuUs` of CPU; `done` runs when it has had it. */
  run(cpuUs: Micros, done: () => void): void {
    this.advance(this.sim.now);
    this.jobs.push({ left: Math.max(0, cpuUs), done });
    this.countPeriod();
    this.finishDone();
  }

  /** The container died: its jobs are gone (their `done` never runs); returns how many. */
  abortAll(): number {
    this.advance(this.sim.now);
    const n = this.jobs.length;
    this.jobs = [];
    this.reschedule();
    return n;
  }

  private step(): void {
    this.timer = -1;
    this.advance(this.sim.now);
    this.finishDone();
  }

  /** Runs the finished jobs' callbacks after the state is consistent, then plans the next event. */
  private finishDone(): void {
    const finished = this.jobs.filter((j) => j.left <= EPS);
    if (finished.length > 0) this.jobs = this.jobs.filter((j) => j.left > EPS);
    this.reschedule();
    for (const j of finished) j.done();
  }

  /** Moves the fluid state from `last` to `now`, period by period. */
  private advance(now: Micros): void {
    while (this.last < now) {
      const periodEnd = this.origin + (this.period + 1) * this.periodUs;
      if (this.jobs.length === 0) {
        if (now >= periodEnd) this.newPeriod(Math.floor((now - this.origin) / this.periodUs));
        this.last = now;
        return;
      }
      const until = Math.min(now, periodEnd);
      this.spend(until - this.last);
      this.last = until;
      if (until === periodEnd) {
        this.newPeriod(this.period + 1);
        this.countPeriod();
      }
    }
  }

  /** `dt` µs of wall time at the current rates. */
  private spend(dt: number): void {
    const running = Math.min(this.jobs.length, this.cores);
    if (this.throttled) {
      this.stat.throttledUsec += dt * running;
      return;
    }
    const perJob = (dt * running) / this.jobs.length;
    let used = 0;
    for (const j of this.jobs) {
      // A job rounded up to a whole µs end takes only what it still needed.
      const got = Math.min(j.left, perJob);
      j.left -= got;
      used += got;
    }
    this.stat.usageUsec += used;
    this.quotaLeft -= used;
    this.throttleIfSpent();
  }

  /** Runnable work and no quota left: every thread waits for the next period (a spent quota with nothing to run is no throttle). */
  private throttleIfSpent(): void {
    if (this.throttled || this.quotaLeft > EPS || !this.jobs.some((j) => j.left > EPS)) return;
    this.quotaLeft = 0;
    this.throttled = true;
    this.stat.nrThrottled++;
  }

  private newPeriod(index: number): void {
    this.period = index;
    this.quotaLeft = this.quotaUs;
    this.throttled = false;
  }

  private countPeriod(): void {
    if (this.jobs.length === 0 || this.countedPeriod === this.period) return;
    this.countedPeriod = this.period;
    this.stat.nrPeriods++;
  }

  /** The next change of rates: a job's end, the quota running out, or the period boundary. */
  private reschedule(): void {
    this.sim.cancel(this.timer);
    this.timer = -1;
    if (this.jobs.length === 0) return;
    this.throttleIfSpent();
    let next = this.origin + (this.period + 1) * this.periodUs;
    if (!this.throttled) {
      const running = Math.min(this.jobs.length, this.cores);
      const minLeft = Math.min(...this.jobs.map((j) => j.left));
      next = Math.min(next, this.last + (minLeft * this.jobs.length) / running, this.last + this.quotaLeft / running);
    }
    const at = Math.max(this.sim.now, Math.ceil(next - EPS));
    this.timer = this.sim.at(at, this.onTimer);
  }
}
