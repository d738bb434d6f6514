import { Simulation } from '../kernel/simulation.js';
import type { Fault } from '../kernel/faults.js';
import { ms } from '../kernel/time.js';
import type { TraceRecord, TraceSink } from '../kernel/trace.js';
import { toFault, toSpec, type FaultSpec } from '../scenario/fault-spec.js';
import type { AnyScenario } from '../scenario/scenario.js';
import { resolveParams } from '../scenario/settings.js';
import { scheduleChecked } from './bad-fault.js';
import { InvariantRun, type Coverage, type InvariantResult } from './invariant-run.js';
import { claimsNotReached, faultsNotReached, invariantsNotReached } from './not-reached.js';
import { checkRunLength } from './run-length.js';
import type { ClaimResult } from './claim-result.js';

export type { ClaimResult } from './claim-result.js';

export interface RunOptions {
  readonly seed: number;
  /** Parameter overrides, before defaults (already typed: see parseSettings). */
  readonly params?: Record<string, unknown>;
  /** Replaces the scenario's default fault schedule. */
  readonly faults?: readonly Fault[];
  /** Virtual run length in ms; the scenario's default otherwise. */
  readonly untilMs?: number;
  readonly traceSinks?: readonly TraceSink[];
  /**
   * false: no timeline is collected (RunResult.timeline is empty), for
   * callers that throw it away (sweep and check workers). The trace, the
   * digest and every metric are the same either way: the timeline sink only reads.
   */
  readonly timeline?: boolean;
}

export interface TimelineEntry {
  /** Virtual time in ms. */
  readonly tMs: number;
  readonly source: string;
  readonly kind: string;
  readonly text: string;
}

export interface RunResult {
  readonly scenario: string;
  readonly title: string;
  readonly seed: number;
  readonly params: Record<string, unknown>;
  readonly untilMs: number;
  readonly faults: FaultSpec[];
  readonly digest: string;
  /** Kernel events processed. */
  readonly events: number;
  /** Trace records emitted (what the digest covers). */
  readonly traceRecords: number;
  readonly metrics: Record<string, number>;
  readonly claims: ClaimResult[];
  readonly timeline: TimelineEntry[];
  readonly notes: string[];
  /** The scenario's invariants, each with its verdict (none: the scenario declares none). */
  readonly invariants: InvariantResult[];
  /** Faults delivered by kind, and how often each `sometimes` path was reached. */
  readonly coverage: Coverage;
}

/** Collects the scenario's key records as timeline lines while the run goes. */
class TimelineSink implements TraceSink {
  readonly entries: TimelineEntry[] = [];
  constructor(private readonly describe: (rec: TraceRecord) => string | null) {}
  record(rec: TraceRecord): void {
    const text = this.describe(rec);
    if (text !== null) this.entries.push({ tMs: rec.t / 1000, source: rec.source, kind: rec.kind, text });
  }
}

/** Builds the scenario on a fresh simulation, without running it (the TUI steps it itself). */
export function prepareRun(scenario: AnyScenario, options: RunOptions) {
  const params = resolveParams(scenario.params, options.params ?? {});
  const sim = new Simulation({ seed: options.seed });
  const timeline = new TimelineSink(scenario.timeline ?? (() => null));
  if (options.timeline !== false) sim.trace.addSink(timeline);
  for (const sink of options.traceSinks ?? []) sim.trace.addSink(sink);
  const untilMs = options.untilMs === undefined ? checkRunLength(scenario.durationMs(params), `scenario "${scenario.id}": durationMs`) : checkRunLength(options.untilMs, 'untilMs');
  const world = scenario.build(sim, params);
  const faults = options.faults ?? scenario.faults(params).map(toFault);
  // Every fault, whenever it falls (after untilMs too), against the built models' targets and params schemas.
  scheduleChecked(sim, faults, options.faults === undefined ? `scenario "${scenario.id}": default faults` : 'faults');
  return { sim, params, world, faults, untilMs, timeline };
}

/** The scenario's claims checked against `metrics` (at the end of a run, or so far in the TUI). */
export function checkClaims(scenario: AnyScenario, metrics: Record<string, number>, params: Record<string, unknown>): ClaimResult[] {
  return scenario.claims.map((c): ClaimResult => ({ name: c.name, ...(c.source ? { source: c.source } : {}), ...c.check(metrics, params) }));
}

/** Runs one scenario with one seed to its horizon and checks its claims. */
export function runScenario(scenario: AnyScenario, options: RunOptions): RunResult {
  const { sim, params, world, faults, untilMs, timeline } = prepareRun(scenario, options);
  const watch = new InvariantRun(sim, scenario.invariants ?? [], scenario.sometimes ?? [], world, params, faults);
  watch.runTo(ms(untilMs));
  const metrics = scenario.metrics(world, sim, params) as Record<string, number>;
  // A run cut short before its faults fired judges none of its claims (nor the invariants that held so far).
  const late = faultsNotReached(faults, ms(untilMs));
  const claims = claimsNotReached(checkClaims(scenario, metrics, params), late);
  return {
    scenario: scenario.id,
    title: scenario.title,
    seed: options.seed,
    params,
    untilMs,
    faults: faults.map(toSpec),
    digest: sim.trace.digestHex,
    events: sim.eventCount,
    traceRecords: sim.trace.count,
    metrics,
    claims,
    timeline: timeline.entries,
    notes: scenario.notes?.(params) ?? [],
    invariants: invariantsNotReached(watch.results(), late),
    coverage: watch.coverage(),
  };
}
