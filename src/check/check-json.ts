import { faultJson, invariantJson, JSON_FORMAT_VERSION } from '../report/json.js';
import type { CheckReport } from './check-schema.js';
import type { CheckReportInput } from './format-check.js';

const share = (rows: readonly { name: string; runs: number }[]) => rows.map(({ name, runs }) => ({ name, runs }));

/** The stable `sim check --json` object (CheckReportSchema describes it); the same facts as the text report. */
export function checkJson(r: CheckReportInput): CheckReport {
  const o = r.outcome;
  const cx = o.counterexample;
  const first = o.firstFailure;
  return {
    failsim: JSON_FORMAT_VERSION,
    scenario: r.scenario,
    seed: r.seed,
    params: { ...r.params },
    runsAsked: r.runsAsked,
    runs: o.runs,
    maxFaults: o.maxFaults,
    window: { fromMs: o.window.fromMs, toMs: o.window.toMs },
    invariants: r.invariants.map(({ name, kind }) => ({ name, kind })),
    ok: cx === null,
    coverage: { runs: o.coverage.runs, faultKinds: share(o.coverage.faultKinds()), paths: share(o.coverage.paths()), nothingFired: o.coverage.nothingFired },
    counterexample: cx === null || first === null ? null : {
      seed: cx.seed,
      faults: cx.faults.map(faultJson),
      size: cx.size,
      digest: cx.result.digest,
      violated: cx.violated.map((i) => i.name),
      verdicts: cx.result.invariants.map(invariantJson),
      foundInRun: o.runs,
      firstFailure: { seed: first.seed, size: first.size },
      shrinks: o.shrinks,
      shrinkRuns: o.shrinkRuns,
      shrinkBudgetReached: o.shrinkBudgetReached,
      faultsFile: required(r.faultsFile, 'faultsFile'),
      replay: required(r.replay, 'replay'),
      ...(r.savedTo === undefined ? {} : { savedTo: r.savedTo }),
    },
  };
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new Error(`check report: a counterexample needs its ${name}`);
  return value;
}
