import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { OutcomeWindow } from './outcome-window.js';

/**
 * The automated rollback trigger (seed 001's checklist: "Automated rollback
 * triggers defined"), as Argo Rollouts' post-promotion analysis runs it
 * [ARGO-ANALYSIS]: a metric measured every `intervalMs`, the first
 * measurement at once (no `initialDelay`); a measurement fails when the
 * error rate of the new colour's answers over the last `windowMs` is above
 * `maxErrorRate`; the analysis fails, and the rollout aborts and switches
 * back, once the failed measurements (counted over the whole run, not in a
 * row) exceed `failureLimit` (`failed > failureLimit`, argo-rollouts
 * `analysis/analysis.go` `assessMetricFailureInconclusiveOrError`; default
 * 0: the first failed measurement). "N failed health checks" is
 * `failureLimit` N - 1.
 */
export interface AnalysisOptions {
  readonly intervalMs: number;
  readonly windowMs: number;
  /** A measurement fails when errors / requests > this. */
  readonly maxErrorRate: number;
  /** Fewer answers in the window: the measurement is inconclusive and does not count as failed (0/0 is no rate). */
  readonly minRequests: number;
  readonly failureLimit: number;
}

/** Seed 001's example trigger, "error rate > 5 % over 30 s", measured every 10 s (our choice: Argo has no default interval). */
export const DEFAULT_ANALYSIS: AnalysisOptions = { intervalMs: 10_000, windowMs: 30_000, maxErrorRate: 0.05, minRequests: 1, failureLimit: 0 };

export function checkAnalysisOptions(o: AnalysisOptions): void {
  const bad = (what: string, v: number) => new Error(`rollback analysis: ${what}, got ${v}`);
  if (!(o.intervalMs > 0 && Number.isFinite(o.intervalMs))) throw bad('intervalMs must be finite and > 0', o.intervalMs);
  if (!(o.windowMs > 0 && Number.isFinite(o.windowMs))) throw bad('windowMs must be finite and > 0', o.windowMs);
  if (!(o.maxErrorRate >= 0 && o.maxErrorRate <= 1)) throw bad('maxErrorRate must be in [0, 1]', o.maxErrorRate);
  if (!(Number.isInteger(o.minRequests) && o.minRequests >= 1)) throw bad('minRequests must be a whole number >= 1', o.minRequests);
  if (!(Number.isInteger(o.failureLimit) && o.failureLimit >= 0)) throw bad('failureLimit must be a whole number >= 0', o.failureLimit);
}

/** One measurement: the window's counts and whether it failed. */
export interface Measurement {
  readonly at: Micros;
  readonly requests: number;
  readonly errors: number;
  readonly failed: boolean;
  /** Failed measurements so far, this one included. */
  readonly failedMeasurements: number;
}

/** An analysis run over one deployment's new colour; `tripped` hears the measurement that failed it, once. */
export class ErrorRateAnalysis {
  measurements = 0;
  failedMeasurements = 0;
  private readonly window: OutcomeWindow;
  private timer = -1;
  private running = false;
  private readonly tick = () => this.measure();

  constructor(private readonly sim: Simulation, private readonly o: AnalysisOptions,
    private readonly failedOne: (m: Measurement) => void, private readonly tripped: (m: Measurement) => void) {
    checkAnalysisOptions(o);
    this.window = new OutcomeWindow(ms(o.windowMs));
  }

  get active(): boolean { return this.running; }

  /** Starts now, with the first measurement now. */
  start(): void {
    this.running = true;
    this.measure();
  }

  stop(): void {
    this.running = false;
    this.sim.cancel(this.timer);
  }

  /** An answer of the new colour, now. */
  record(failed: boolean): void {
    if (this.running) this.window.add(this.sim.now, failed);
  }

  private measure(): void {
    if (!this.running) return;
    const now = this.sim.now, c = this.window.counts(now);
    const failed = c.requests >= this.o.minRequests && c.errors / c.requests > this.o.maxErrorRate;
    this.measurements++;
    if (failed) this.failedMeasurements++;
    const m: Measurement = { at: now, requests: c.requests, errors: c.errors, failed, failedMeasurements: this.failedMeasurements };
    if (failed) {
      this.failedOne(m);
      if (this.failedMeasurements > this.o.failureLimit) {
        this.stop();
        return this.tripped(m);
      }
    }
    this.timer = this.sim.schedule(ms(this.o.intervalMs), this.tick);
  }
}
