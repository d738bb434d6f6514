import { parseDuration, US_PER_MS } from '../kernel/time.js';
import { runHeld, verdictOf } from '../runner/run-held.js';
import type { RunResult } from '../runner/run-scenario.js';
import type { InvariantResult } from '../runner/invariant-run.js';
import type { FaultSpec } from '../scenario/fault-spec.js';
import type { FaultJson, InvariantJson, JsonReport } from './json-schema.js';

/** The format version written as "failsim" in every JSON document. */
export const JSON_FORMAT_VERSION = 1;

/**
 * The stable `--json` object of a run (JsonReportSchema describes it).
 * NaN and ±Infinity metrics become null, since JSON has no such numbers.
 */
export function jsonReport(result: RunResult, source: string): JsonReport {
  return {
    failsim: JSON_FORMAT_VERSION,
    scenario: result.scenario,
    title: result.title,
    source,
    seed: result.seed,
    params: { ...result.params },
    untilMs: result.untilMs,
    faults: result.faults.map(faultJson),
    digest: result.digest,
    events: result.events,
    traceRecords: result.traceRecords,
    metrics: Object.fromEntries(Object.entries(result.metrics).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
    claims: result.claims.map((c) => ({ name: c.name, pass: verdictOf(c) === 'pass', verdict: verdictOf(c), detail: c.detail, ...(c.source === undefined ? {} : { source: c.source }) })),
    timeline: result.timeline.map((e) => ({ tMs: e.tMs, source: e.source, kind: e.kind, text: e.text })),
    notes: [...result.notes],
    ok: runHeld(result),
    invariants: result.invariants.map(invariantJson),
    coverage: { faults: { ...result.coverage.faults }, reached: { ...result.coverage.reached } },
  };
}

/** A fault as JSON documents hold it: `at` always in ms. */
export function faultJson(f: FaultSpec): FaultJson {
  return {
    at: typeof f.at === 'number' ? f.at : (parseDuration(f.at) ?? NaN) / US_PER_MS,
    target: f.target,
    kind: f.kind,
    ...(f.params === undefined ? {} : { params: { ...f.params } }),
  };
}

export function invariantJson(i: InvariantResult): InvariantJson {
  return {
    name: i.name, kind: i.kind, pass: verdictOf(i) === 'pass', verdict: verdictOf(i), detail: i.detail,
    ...(i.atMs === undefined ? {} : { atMs: i.atMs }),
    ...(i.source === undefined ? {} : { source: i.source }),
  };
}

/** The document as printed: two-space indented, with a final newline. */
export function formatJson(report: object): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
