import { join } from 'node:path';
import { firstDivergence, type Divergence, type Outcome } from '../../diff/first-divergence.js';
import type { DiffInputJson, DiffReport, DivergenceJson } from '../../diff/schema.js';
import { showDivergence } from '../../diff/shown-divergence.js';
import { timelineEntries } from '../../diff/timeline-entries.js';
import { showEntry } from '../../diff/trace-entry.js';
import { toFault } from '../../scenario/fault-spec.js';
import { DIFF_HELP } from '../help.js';
import { runToTraceFile, withTempDir, type TracedRun } from '../compare-runs.js';
import { parseDiffArgs, type DiffArgs } from '../diff-args.js';
import { readDiffInput, type DiffInput } from '../diff-inputs.js';
import { isBadInput, UsageError } from '../../io/errors.js';
import { CATALOGUE } from '../../io/catalogue.js';
import { loadScenario, type LoadedScenario } from '../../io/load-scenario.js';
import { paletteFor, type Io } from '../output.js';
import { traceEntries } from '../trace-reader.js';

type ReportInput = Extract<DiffInput, { kind: 'report' }>;

/**
 * `sim diff A B`: where two runs part. Each of A and B is a `--trace` file
 * (compared as it stands, streamed) or a `--json` report (re-run from the
 * identity it records: scenario, seed, params, faults, horizon). Exit code 0
 * when the runs are identical, 1 when they differ.
 */
export async function diffCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const args = parseDiffArgs(argv);
  if (args.help) { io.out(DIFF_HELP); return 0; }
  const inputs = [readDiffInput(args.files[0], cwd), readDiffInput(args.files[1], cwd)] as const;
  const doc = inOrder(await diff(inputs, args, cwd));
  if (args.json) {
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const { formatDiffReport } = await import('../../diff/format-report.js');
    io.out(formatDiffReport(doc, paletteFor(io, args.color)));
  }
  return doc.identical ? 0 : 1;
}

async function diff(inputs: readonly [DiffInput, DiffInput], args: DiffArgs, cwd: string): Promise<DiffReport> {
  const [a, b] = inputs;
  const described: [DiffInputJson, DiffInputJson] = [describe(a), describe(b)];
  // Equal digests are equal traces: nothing to re-run.
  if (a.kind === 'report' && b.kind === 'report' && a.report.digest === b.report.digest) {
    return { failsim: 1, identical: true, compared: 'traces', a: described[0], b: described[1], records: a.report.traceRecords, notes: [], divergence: null };
  }
  // Every scenario is loaded (and every report checked) before anything runs.
  const loaded = new Map<string, Promise<LoadedScenario>>();
  const runs = await Promise.all(inputs.map((i) => (i.kind === 'report' ? rerun(i, args.scenario, cwd, loaded) : undefined)));
  const notes: string[] = [];
  return withTempDir(async (dir) => {
    const files: string[] = [];
    for (const side of [0, 1] as const) {
      const input = inputs[side];
      if (input.kind === 'trace') { files.push(input.path); continue; }
      const file = join(dir, `${'ab'[side]}.ndjson`);
      const digest = (await runToTraceFile(runs[side]!, file)).digest;
      const reproduced = digest === input.report.digest;
      described[side] = { ...described[side], reproduced };
      if (!reproduced) {
        notes.push(`${'AB'[side]} "${input.file}" does not reproduce: its scenario, seed, params, faults and horizon now give digest ${digest}, not the recorded ${input.report.digest} (the models changed since it was written?)`);
      }
      files.push(file);
    }
    const base = { failsim: 1 as const, a: described[0], b: described[1], notes };
    if (a.kind === 'report' && b.kind === 'report' && (described[0].reproduced === false || described[1].reproduced === false)) {
      notes.push('so the recorded timelines were compared, not the full traces');
      const outcome = firstDivergence(timelineEntries(a.report.timeline), timelineEntries(b.report.timeline), args.context);
      if (outcome.identical) notes.push('the timelines are the same, but the recorded digests differ: the runs part in a record the timeline leaves out');
      return { ...base, compared: 'timelines', ...verdict(outcome, (d) => showDivergence(d, (e) => e.shown), false) };
    }
    if (notes.length > 0) notes.push("the trace of the current models' run was compared");
    const outcome = firstDivergence(traceEntries(files[0]!, 'diff', a.file), traceEntries(files[1]!, 'diff', b.file), args.context);
    return { ...base, compared: 'traces', ...verdict(outcome, (d) => showDivergence(d, showEntry), true) };
  });
}

/**
 * The comparison's part of the document. `sameMeansIdentical` is false for
 * timelines: equal timelines of runs with different digests still differ.
 */
function verdict<R>(outcome: Outcome<R>, show: (d: Divergence<R>) => DivergenceJson, sameMeansIdentical: boolean): Pick<DiffReport, 'identical' | 'records' | 'divergence'> {
  if (outcome.identical) return { identical: sameMeansIdentical, records: outcome.records, divergence: null };
  return { identical: false, divergence: show(outcome.divergence) };
}

/** The document with its keys in the documented order, whatever order it was assembled in. */
function inOrder(d: DiffReport): DiffReport {
  return { failsim: d.failsim, identical: d.identical, compared: d.compared, a: d.a, b: d.b, ...(d.records === undefined ? {} : { records: d.records }), notes: d.notes, divergence: d.divergence };
}

function describe(i: DiffInput): DiffInputJson {
  if (i.kind === 'trace') return { file: i.file, kind: 'trace' };
  return { file: i.file, kind: 'report', scenario: i.report.scenario, seed: i.report.seed, digest: i.report.digest };
}

/** The run a report records, ready to repeat: its scenario (built in, or the --scenario module), seed, params, faults and horizon. */
async function rerun(input: ReportInput, ref: string | undefined, cwd: string, loaded: Map<string, Promise<LoadedScenario>>): Promise<TracedRun> {
  const r = input.report;
  const { scenario, api } = await scenarioFor(r.scenario, input.file, ref, cwd, loaded);
  const faults = r.faults.map((f) => toFault(f));
  return (sinks) => {
    try {
      return api.runScenario(scenario, { seed: r.seed, params: r.params, faults, untilMs: r.untilMs, traceSinks: sinks });
    } catch (e) {
      if (isBadInput(e)) throw new UsageError(`diff: "${input.file}": cannot re-run it: ${e.message}`);
      throw e;
    }
  };
}

async function scenarioFor(id: string, file: string, ref: string | undefined, cwd: string, loaded: Map<string, Promise<LoadedScenario>>): Promise<LoadedScenario> {
  const load = (key: string, f: () => Promise<LoadedScenario>) => {
    let p = loaded.get(key);
    if (p === undefined) loaded.set(key, (p = f()));
    return p;
  };
  let other = '';
  if (ref !== undefined) {
    const mine = await load(`ref:${ref}`, () => loadScenario(ref, cwd));
    if (mine.scenario.id === id) return mine;
    other = mine.scenario.id;
  }
  if (CATALOGUE.some((e) => e.id === id)) return load(`id:${id}`, () => loadScenario(id, cwd));
  const hint = ref === undefined ? 'give its module with --scenario PATH' : `--scenario "${ref}" is scenario "${other}"`;
  throw new UsageError(`diff: "${file}" is a run of scenario "${id}", which is not built in: ${hint}`);
}
