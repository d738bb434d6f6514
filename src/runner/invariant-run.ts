import type { Fault } from '../kernel/faults.js';
import type { Simulation } from '../kernel/simulation.js';
import { formatDuration, formatTime, ms, US_PER_MS, type Micros } from '../kernel/time.js';
import type { TraceRecord, TraceSink } from '../kernel/trace.js';
import type { Invariant, InvariantVerdict, InvariantWatch, Sometimes } from '../scenario/invariant.js';
import { lastHeal } from './last-heal.js';

export interface InvariantResult extends InvariantVerdict {
  readonly name: string;
  readonly kind: 'always' | 'eventually';
  readonly source?: string;
  /**
   * Why the run could not judge it (it ended before the `eventually`
   * deadline, or before the faults fired); see verdictOf. `pass` then says
   * only that it was not violated.
   */
  readonly notReached?: string;
}

/** What a run exercised: faults delivered by kind, and how often each `sometimes` path was reached. */
export interface Coverage {
  readonly faults: Record<string, number>;
  readonly reached: Record<string, number>;
}

interface Watched {
  readonly invariant: Invariant;
  readonly watch: InvariantWatch;
  /** eventually: when the verdict is taken (µs), and why then. */
  readonly deadline: Micros;
  readonly why: string;
  verdict?: InvariantVerdict;
}

/**
 * One run's invariants and coverage. Its trace sink only reads, so a run
 * with invariants has the same trace and digest as one without. `runTo`
 * stops the clock at each `eventually` deadline to take that verdict, then
 * goes on: the same events in the same order as one `sim.run(until)`.
 */
export class InvariantRun implements TraceSink {
  private readonly watched: Watched[];
  private readonly sometimes: readonly Sometimes[];
  private readonly reachedCounts: number[];
  private readonly healedAt: Micros;

  constructor(private readonly sim: Simulation, invariants: readonly Invariant[], sometimes: readonly Sometimes[], world: unknown, params: unknown, faults: readonly Fault[]) {
    this.healedAt = lastHeal(faults);
    this.watched = invariants.map((invariant) => {
      const watch = invariant.watch(world, sim, params);
      if (invariant.kind !== 'eventually') return { invariant, watch, deadline: Infinity, why: '' };
      const settle = ms(invariant.settleFromMs?.(params) ?? 0);
      const within = ms(invariant.withinMs?.(params) ?? 0);
      const from = settle > this.healedAt ? `the load ended at ${formatTime(settle)}` : this.healedAt > 0 ? `the last fault was over at ${formatTime(this.healedAt)}` : 'the start, with no fault';
      return { invariant, watch, deadline: Math.max(this.healedAt, settle) + within, why: `${formatDuration(within)} after ${from}` };
    });
    this.sometimes = sometimes;
    this.reachedCounts = sometimes.map(() => 0);
    sim.trace.addSink(this);
  }

  record(rec: TraceRecord): void {
    for (const w of this.watched) w.watch.record?.(rec);
    for (let i = 0; i < this.sometimes.length; i++) if (this.sometimes[i]!.reached(rec)) this.reachedCounts[i]!++;
  }

  /** Runs the simulation to `until` (µs), taking each `eventually` verdict at its deadline on the way. */
  runTo(until: Micros): void {
    const due = this.watched.filter((w) => w.invariant.kind === 'eventually' && w.deadline <= until).sort((a, b) => a.deadline - b.deadline);
    for (const w of due) {
      this.sim.run(w.deadline);
      const v = w.watch.verdict();
      w.verdict = { ...v, detail: `${v.detail} at ${formatTime(w.deadline)}, ${w.why}`, ...(v.pass || v.atMs !== undefined ? {} : { atMs: w.deadline / US_PER_MS }) };
    }
    this.sim.run(until);
  }

  /** Every invariant's verdict; call after runTo. */
  results(): InvariantResult[] {
    return this.watched.map((w) => {
      const { name, kind, source } = w.invariant;
      const head = { name, kind, ...(source === undefined ? {} : { source }) };
      return { ...head, ...(w.verdict ?? this.lateVerdict(w)) };
    });
  }

  coverage(): Coverage {
    const faults: Record<string, number> = {};
    for (const f of this.sim.faults.injected) faults[f.kind] = (faults[f.kind] ?? 0) + 1;
    return { faults, reached: Object.fromEntries(this.sometimes.map((s, i) => [s.name, this.reachedCounts[i]!])) };
  }

  /**
   * `always` at the end of the run. An `eventually` whose deadline the run
   * never reached and that has not converged by the end is "not reached":
   * neither violated nor held.
   */
  private lateVerdict(w: Watched): InvariantVerdict & { notReached?: string } {
    const v = w.watch.verdict();
    if (w.invariant.kind === 'always' || v.pass) return v;
    const notReached = `the run ended at ${formatTime(this.sim.now)}, before the deadline ${formatTime(w.deadline)} (${w.why})`;
    return { pass: true, notReached, detail: `not reached: ${notReached}; at the end: ${v.detail}` };
  }
}
