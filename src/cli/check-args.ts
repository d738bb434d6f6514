/** The command line of `sim check`. */
import { HELP_COLOR, nonEmpty, oneScenario, parse, parsePositive, parseSeed } from './args.js';
import { UsageError } from '../io/errors.js';

/** fast-check's seed unless --seed says otherwise: the same seed, the same runs and the same answer. */
export const CHECK_DEFAULT_SEED = 1;
export const CHECK_DEFAULT_RUNS = 100;
/** More faults than this in one schedule stops being a small counterexample. */
export const MAX_FAULTS_LIMIT = 20;

export interface CheckArgs {
  readonly help: boolean;
  readonly scenario: string;
  readonly runs: number;
  readonly seed: number;
  readonly sets: readonly string[];
  /** undefined: the fault space's own maximum. */
  readonly maxFaults: number | undefined;
  /** Where the counterexample's faults go (default ./sim-check-<scenario>-<seed>.faults.json). */
  readonly faultsOut: string | undefined;
  /** Save the counterexample as a regression file here. */
  readonly save: string | undefined;
  /** `--force`: replace an existing --faults-out or --save file. */
  readonly force: boolean;
  readonly color: boolean | undefined;
  /** Print CheckReportSchema's document instead of the text report. */
  readonly json: boolean;
  /** Worker threads; undefined: one per CPU. The outcome never depends on it. */
  readonly workers: number | undefined;
}

const OPTIONS = {
  ...HELP_COLOR,
  runs: { type: 'string', short: 'n' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  'max-faults': { type: 'string' },
  'faults-out': { type: 'string' },
  save: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  workers: { type: 'string', short: 'j' },
} as const;

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const { values, positionals } = parse('check', argv, OPTIONS);
  const help = values.help === true;
  const scenario = oneScenario('check', positionals, help);
  const maxFaults = values['max-faults'] === undefined ? undefined : parsePositive('--max-faults', values['max-faults']);
  if (maxFaults !== undefined && maxFaults > MAX_FAULTS_LIMIT) throw new UsageError(`--max-faults ${maxFaults}: at most ${MAX_FAULTS_LIMIT}`);
  return {
    help,
    scenario,
    runs: values.runs === undefined ? CHECK_DEFAULT_RUNS : parsePositive('--runs', values.runs),
    seed: values.seed === undefined ? CHECK_DEFAULT_SEED : parseSeed(values.seed),
    sets: values.set ?? [],
    maxFaults,
    faultsOut: nonEmpty('--faults-out', values['faults-out']),
    save: nonEmpty('--save', values.save),
    force: values.force === true,
    color: values.color,
    json: values.json === true,
    workers: values.workers === undefined ? undefined : parsePositive('--workers', values.workers),
  };
}
