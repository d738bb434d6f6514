import type { Fault } from '../../kernel/faults.js';
import type { TraceSink } from '../../kernel/trace.js';
import type { DeterminismJson } from '../../diff/schema.js';
import type { RunResult } from '../../runner/run-scenario.js';
import { runHeld } from '../../runner/run-held.js';
import type { AnyScenario } from '../../scenario/scenario.js';
import { parseRunArgs, type RunArgs } from '../args.js';
import { isBadInput, UsageError } from '../../io/errors.js';
import { readFaultsFile } from '../faults-file.js';
import { RUN_HELP } from '../help.js';
import { applySettings, defaultParams, loadScenario, type RunnerApi } from '../../io/load-scenario.js';
import { paletteFor, type Io } from '../output.js';
import { outputFile, type OutputFile } from '../../io/output-file.js';

/**
 * `sim run <scenario> ...`: checks every input before the run starts, runs
 * once, prints the text or JSON report. Exit code 0 when every claim held,
 * 1 when one failed; bad input throws (exit 2, see cli.ts).
 */
export async function runCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.help) { io.out(RUN_HELP); return 0; }
  const trace = args.traceFile === undefined ? undefined : outputFile('--trace', args.traceFile, cwd, args.force);
  // Cheapest checks first; every input is checked before the run starts.
  const faults = args.faultsFile === undefined ? undefined : await readFaultsFile(args.faultsFile);
  const loaded = await loadScenario(args.scenario, cwd);
  const { scenario, api } = loaded;
  const params = applySettings(loaded, args.sets).overrides;
  if (args.verifyDeterminism) return verifiedRun(scenario, api, args, params, faults, io, trace);
  const result = await execute(scenario, api, args, params, faults, trace);
  io.out(await render(result, scenario, api, args, io));
  return runHeld(result) ? 0 : 1;
}

async function execute(scenario: AnyScenario, api: RunnerApi, args: RunArgs, params: Record<string, unknown>, faults: Fault[] | undefined, trace: OutputFile | undefined, extraSinks: readonly TraceSink[] = []): Promise<RunResult> {
  const sink = trace === undefined ? undefined : new (await import('../trace-file.js')).TraceFileSink(trace);
  try {
    const result = api.runScenario(scenario, {
      seed: args.seed,
      params,
      ...(faults === undefined ? {} : { faults }),
      ...(args.untilMs === undefined ? {} : { untilMs: args.untilMs }),
      traceSinks: [...(sink === undefined ? [] : [sink]), ...extraSinks],
    });
    sink?.commit();
    return result;
  } catch (e) {
    sink?.abort();
    throw nameTheFaultsFile(e, args.faultsFile);
  }
}

/** runScenario reports an undeliverable fault as "faults: fault #2: ..."; say which file it came from. */
function nameTheFaultsFile(e: unknown, file: string | undefined): unknown {
  if (file !== undefined && isBadInput(e) && e.message.startsWith('faults: ')) {
    return new UsageError(`faults file "${file}": ${e.message.slice('faults: '.length)}`);
  }
  return e;
}

async function render(result: RunResult, scenario: AnyScenario, api: RunnerApi, args: RunArgs, io: Io, determinism?: DeterminismJson): Promise<string> {
  if (args.json) {
    const { jsonReport, formatJson } = await import('../../report/json.js');
    return formatJson({ ...jsonReport(result, scenario.source), ...(determinism === undefined ? {} : { determinism }) });
  }
  const [{ textReport }, { replayCommand }] = await Promise.all([import('../../report/text.js'), import('../../report/replay.js')]);
  const defaults = defaultParams({ scenario, api });
  return textReport(result, {
    source: scenario.source,
    metricInfo: scenario.metricInfo,
    defaults,
    replay: replayCommand({ scenario: args.scenario, seed: args.seed, params: result.params, defaults: defaults ?? pick(result.params, args.sets), faultsFile: args.faultsFile, until: args.until }),
    palette: paletteFor(io, args.color),
  });
}

/** Without the scenario's defaults, take every parameter not given with --set as a default, so the replay line lists the --set ones. */
function pick(params: Record<string, unknown>, sets: readonly string[]): Record<string, unknown> {
  const given = new Set(sets.map((s) => s.slice(0, s.indexOf('=')).trim()));
  return Object.fromEntries(Object.entries(params).filter(([k]) => !given.has(k)));
}

/**
 * `--verify-determinism`: the run as usual (writing --trace, if given), then
 * a second one compared with it record by record; the report is the first
 * run's, plus the verdict. A second run that differs exits 1, like a failed
 * claim.
 */
async function verifiedRun(scenario: AnyScenario, api: RunnerApi, args: RunArgs, params: Record<string, unknown>, faults: Fault[] | undefined, io: Io, trace: OutputFile | undefined): Promise<number> {
  const { verifyDeterminism, formatDeterminism } = await import('../verify-determinism.js');
  const { result, determinism } = await verifyDeterminism(
    (sinks) => execute(scenario, api, args, params, faults, trace, sinks),
    (sinks) => execute(scenario, api, args, params, faults, undefined, sinks),
    DETERMINISM_CONTEXT,
  );
  const report = await render(result, scenario, api, args, io, determinism);
  io.out(args.json ? report : `${report}\n${formatDeterminism(determinism, result, paletteFor(io, args.color))}`);
  return runHeld(result) && determinism.identical ? 0 : 1;
}

/** Records shown on each side of a divergence. */
const DETERMINISM_CONTEXT = 3;
