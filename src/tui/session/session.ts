import type { Fault } from '../../kernel/faults.js';
import { ms, type Micros } from '../../kernel/time.js';
import type { TraceRecord, TraceSink } from '../../kernel/trace.js';
import { checkClaims, prepareRun, type ClaimResult, type TimelineEntry } from '../../runner/run-scenario.js';
import { toFault, toSpec, type FaultSpec } from '../../scenario/fault-spec.js';
import type { PaneData } from '../../scenario/inspect.js';
import type { AnyScenario } from '../../scenario/scenario.js';
import { resolveParams } from '../../scenario/settings.js';
import { faultChoices, type FaultChoice } from './fault-menu.js';
import { SAMPLE_US, SeriesRecorder, type Series } from './series.js';

export interface SessionOptions {
  readonly scenario: AnyScenario;
  readonly seed: number;
  /** Parameter overrides as parsed from `--set` (the runner applies defaults). */
  readonly params?: Record<string, unknown>;
}

/** Remembers the latest trace record, for "what just happened" after a single step. */
class LastRecord implements TraceSink {
  rec: TraceRecord | null = null;
  record(rec: TraceRecord): void {
    this.rec = rec;
  }
}

type Prepared = ReturnType<typeof prepareRun>;

/**
 * A scenario run that a person drives: step it by events, move it to a
 * virtual time, inject faults "now", rewind. No wall clock here (pacing is
 * the TUI's business), so everything a session shows is a pure function of
 * (scenario, seed, params, schedule, position).
 *
 * Rewinding rebuilds the run and re-simulates to the chosen time:
 * determinism makes that exact. A live fault is handled the same way: it is
 * added to the schedule at the current time and the run is rebuilt to that
 * time, so the session is always exactly `sim run --faults <schedule>`
 * stopped at `now`, and the written faults file replays it byte for byte.
 */
export class Session {
  readonly scenario: AnyScenario;
  /** Overrides as given; `resolvedParams` has the defaults applied. */
  readonly params: Record<string, unknown>;
  readonly resolvedParams: Record<string, unknown>;
  /** The scenario's own fault schedule for these parameters. */
  readonly defaultFaults: readonly Fault[];
  private seedValue: number;
  private readonly liveFaults: Fault[] = [];
  private run!: Prepared;
  private last!: LastRecord;
  private recorder!: SeriesRecorder;
  private nextSample: Micros = 0;
  private metricsCache: { events: number; now: Micros; claims: ClaimResult[]; metrics: Record<string, number> } | null = null;

  constructor(options: SessionOptions) {
    this.scenario = options.scenario;
    this.params = options.params ?? {};
    this.seedValue = options.seed;
    this.resolvedParams = resolveParams(this.scenario.params, this.params);
    this.defaultFaults = this.scenario.faults(this.resolvedParams).map(toFault);
    this.rebuild();
  }

  get seed(): number { return this.seedValue; }
  /** Virtual time, µs. */
  get now(): Micros { return this.run.sim.now; }
  /** Where the run ends (the scenario's duration), µs. */
  get endUs(): Micros { return ms(this.run.untilMs); }
  get finished(): boolean { return this.run.sim.now >= this.endUs; }
  get events(): number { return this.run.sim.eventCount; }
  get digest(): string { return this.run.sim.trace.digestHex; }
  get traceRecords(): number { return this.run.sim.trace.count; }
  /** Timeline lines of what has happened so far. */
  get log(): readonly TimelineEntry[] { return this.run.timeline.entries; }
  get lastRecord(): TraceRecord | null { return this.last.rec; }
  get series(): readonly Series[] { return this.recorder.series; }
  /** Faults injected live, in the order injected (times in µs). */
  get live(): readonly Fault[] { return this.liveFaults; }

  /** The whole schedule the run uses: defaults then live faults, ordered by time (ties keep that order). */
  schedule(): Fault[] {
    return [...this.defaultFaults, ...this.liveFaults].map((f, i) => ({ f, i })).sort((a, b) => a.f.at - b.f.at || a.i - b.i).map(({ f }) => f);
  }

  /** The schedule as a faults file (what `sim run --faults` reads). */
  faultsFile(): FaultSpec[] {
    return this.schedule().map(toSpec);
  }

  /** Processes the next event if it falls inside the run; false at the end. */
  stepEvent(): boolean {
    const t = this.run.sim.peek();
    if (t > this.endUs) {
      this.advanceTo(this.endUs);
      return false;
    }
    this.sampleBefore(t);
    return this.run.sim.step();
  }

  /** Runs forward to `t` (clamped to the run); never backwards, see seek. */
  advanceTo(t: Micros): void {
    const until = Math.min(Math.round(t), this.endUs);
    if (until < this.now) return;
    while (this.nextSample <= until) {
      this.run.sim.run(this.nextSample);
      this.takeSample();
    }
    this.run.sim.run(until);
  }

  advanceBy(d: Micros): void {
    this.advanceTo(this.now + d);
  }

  /** Moves to `t`, forwards by running, backwards by re-simulating from the start. */
  seek(t: Micros): void {
    const target = Math.max(0, Math.min(Math.round(t), this.endUs));
    if (target < this.now) this.rebuild();
    this.advanceTo(target);
  }

  /** Starts again at 0 with `seed` (default: the same), without live faults. */
  restart(seed: number = this.seedValue): void {
    this.seedValue = seed;
    this.liveFaults.length = 0;
    this.rebuild();
  }

  /** What the fault menu offers: the faults the models subscribe to. */
  faultChoices(): FaultChoice[] {
    return faultChoices(this.run.sim.faults.catalogue());
  }

  /**
   * Injects a fault now: it joins the schedule at the current time and the
   * run is rebuilt to here, exactly as a replay from the faults file will do.
   * Throws the injector's FaultError if the models do not take it.
   */
  inject(choice: { target: string; kind: string; params?: Readonly<Record<string, unknown>> }): Fault {
    const at = this.now;
    const fault: Fault = choice.params === undefined ? { at, target: choice.target, kind: choice.kind } : { at, target: choice.target, kind: choice.kind, params: { ...choice.params } };
    const problem = this.run.sim.faults.problem(fault);
    if (problem !== null) throw new Error(problem);
    this.liveFaults.push(fault);
    this.rebuild();
    this.advanceTo(at);
    return fault;
  }

  /** The component panes now: the scenario's own, or its metrics so far. */
  panes(): PaneData[] {
    const { world, sim, params } = this.run;
    if (this.scenario.inspect) return this.scenario.inspect(world, sim, params);
    const metrics = this.measure().metrics;
    return [{ title: 'metrics so far', rows: Object.entries(metrics).map(([k, v]) => [this.scenario.metricInfo?.[k]?.label ?? k, formatNumber(v)]) }];
  }

  /** The claims checked against the metrics measured so far (final once the run is finished). */
  claims(): ClaimResult[] {
    return this.measure().claims;
  }

  private measure() {
    const { world, sim, params } = this.run;
    const c = this.metricsCache;
    if (c !== null && c.events === sim.eventCount && c.now === sim.now) return c;
    const metrics = this.scenario.metrics(world, sim, params) as Record<string, number>;
    this.metricsCache = { events: sim.eventCount, now: sim.now, metrics, claims: checkClaims(this.scenario, metrics, params) };
    return this.metricsCache;
  }

  private rebuild(): void {
    this.last = new LastRecord();
    this.recorder = new SeriesRecorder();
    this.nextSample = 0;
    this.metricsCache = null;
    this.run = prepareRun(this.scenario, { seed: this.seedValue, params: this.params, faults: this.schedule(), traceSinks: [this.last] });
  }

  /** Samples due strictly before `t`: every event before them has been processed. */
  private sampleBefore(t: Micros): void {
    while (this.nextSample < t && this.nextSample <= this.endUs) {
      this.run.sim.run(this.nextSample);
      this.takeSample();
    }
  }

  private takeSample(): void {
    const { world, sim, params } = this.run;
    if (this.scenario.series) this.recorder.add(sim.now, this.scenario.series(world, sim, params));
    this.nextSample += SAMPLE_US;
  }
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
