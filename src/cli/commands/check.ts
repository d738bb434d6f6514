import { parseCheckArgs, type CheckArgs } from '../check-args.js';
import { UsageError } from '../../io/errors.js';
import { defaultOutputFile, outputFile, writeOutputFile } from '../../io/output-file.js';
import { CHECK_HELP } from '../help.js';
import { CATALOGUE } from '../../io/catalogue.js';
import { applySettings, defaultParams, loadScenario } from '../../io/load-scenario.js';
import { drawsOnStderr, paletteFor, stderrPaletteFor, type Io } from '../output.js';
import { Progress } from '../progress.js';

/**
 * `sim check <scenario>`: property-based search for a fault schedule that
 * breaks one of the scenario's invariants, shrunk to the smallest one
 * fast-check finds. Exit 1 with the counterexample, its faults file and the
 * replay command; 0 when N runs found none. Every input is checked before
 * the first run (exit 2, nothing written).
 */
export async function checkCommand(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const args = parseCheckArgs(argv);
  if (args.help) { io.out(CHECK_HELP); return 0; }
  const save = args.save === undefined ? undefined : outputFile('--save', args.save, cwd, args.force);
  const faultsOut = args.faultsOut === undefined ? undefined : outputFile('--faults-out', args.faultsOut, cwd, args.force);
  const loaded = await loadScenario(args.scenario, cwd);
  const { scenario } = loaded;
  if (scenario.faultSpace === undefined) throw new UsageError(`check: scenario "${scenario.id}" declares no fault space (scenarios with one: ${withFaultSpace().join(', ')})`);
  if ((scenario.invariants ?? []).length === 0) throw new UsageError(`check: scenario "${scenario.id}" declares no invariants to check`);
  const { overrides: params, resolved } = applySettings(loaded, args.sets);
  const maxFaults = args.maxFaults ?? scenario.faultSpace.maxFaults;

  const [{ runCheckAsync }, { CheckPool }, { checkReport }, { replayCommand }, { defaultWorkers }] = await Promise.all([
    import('../../check/check-async.js'), import('../../sweep/check-pool.js'), import('../../check/format-check.js'), import('../../report/replay.js'), import('../sweep-runner.js'),
  ]);
  const progress = new Progress(io, 'check', args.runs, args.color);
  const shrinking = shrinkTicker(io, args.color);
  // One worker per CPU, each loading the scenario once for the whole check; the outcome does not depend on how many.
  const workers = Math.min(args.workers ?? defaultWorkers(), args.runs);
  const pool = new CheckPool({ ref: args.scenario, sets: args.sets, cwd }, workers);
  const outcome = await pool.start().then(() => runCheckAsync(scenario, resolved, {
    runs: args.runs, seed: args.seed, maxFaults, params,
    onRun: (phase) => (phase === 'search' ? progress.tick() : shrinking.tick()),
  }, pool)).finally(() => pool.close());
  shrinking.clear();
  progress.finish(workers);

  const cx = outcome.counterexample;
  let faultsFile: string | undefined;
  let replay: string | undefined;
  if (cx !== null) {
    const target = faultsOut ?? defaultOutputFile('faults file', `sim-check-${scenario.id}-${cx.seed}.faults.json`, cwd, args.force);
    faultsFile = target.file;
    writeOutputFile(target, `${JSON.stringify({ faults: cx.faults }, null, 2)}\n`);
    replay = replayCommand({ scenario: args.scenario, seed: cx.seed, params: cx.result.params, defaults: defaultParams(loaded), faultsFile });
    if (save !== undefined) {
      const { regressionOf, formatRegression } = await import('../../check/regression-file.js');
      writeOutputFile(save, formatRegression(regressionOf(args.scenario, params, cx, checkCommandLine(args))));
    }
  } else if (save !== undefined) {
    io.err('sim: check: no counterexample, nothing saved\n');
  }
  const report = {
    scenario: args.scenario, outcome, runsAsked: args.runs, seed: args.seed, params, faultsFile, replay,
    savedTo: cx !== null ? args.save : undefined,
    invariants: (scenario.invariants ?? []).map(({ name, kind }) => ({ name, kind })),
  };
  if (args.json) {
    const [{ checkJson }, { formatJson }] = await Promise.all([import('../../check/check-json.js'), import('../../report/json.js')]);
    io.out(formatJson(checkJson(report)));
  } else {
    io.out(checkReport(report, paletteFor(io, args.color)));
  }
  return cx === null ? 0 : 1;
}

function withFaultSpace(): string[] {
  return CATALOGUE.filter((e) => e.checkable).map((e) => e.id);
}

/** The command as a user would retype it, recorded in a saved regression. */
function checkCommandLine(a: CheckArgs): string {
  const words = ['sim', 'check', a.scenario, '--runs', String(a.runs), '--seed', String(a.seed)];
  for (const s of a.sets) words.push('--set', s);
  if (a.maxFaults !== undefined) words.push('--max-faults', String(a.maxFaults));
  return words.join(' ');
}

/** "shrinking: N runs" on a terminal's stderr while fast-check shrinks; nothing otherwise. */
function shrinkTicker(io: Io, color: boolean | undefined) {
  const enabled = drawsOnStderr(io);
  const { dim } = stderrPaletteFor(io, color);
  let n = 0;
  return {
    tick(): void {
      n++;
      if (enabled) io.err(`\r\u001b[K${dim(`check: shrinking the counterexample, ${n} run${n === 1 ? '' : 's'}`)}`);
    },
    clear(): void {
      if (enabled && n > 0) io.err('\r\u001b[K');
    },
  };
}
