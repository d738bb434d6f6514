import { COMMON, nonEmpty, parse, wholeNumber } from './args.js';
import { UsageError } from '../io/errors.js';

export const DIFF_DEFAULT_CONTEXT = 3;
const MAX_CONTEXT = 1000;

export interface DiffArgs {
  readonly help: boolean;
  readonly files: readonly [string, string];
  /** Records shown before the divergence, and after it on each side. */
  readonly context: number;
  /** The scenario module, for reports of a scenario that is not built in. */
  readonly scenario: string | undefined;
  readonly json: boolean;
  readonly color: boolean | undefined;
}

const DIFF = {
  ...COMMON,
  context: { type: 'string', short: 'C' },
  scenario: { type: 'string' },
} as const;

export function parseDiffArgs(argv: readonly string[]): DiffArgs {
  const { values, positionals } = parse('diff', argv, DIFF);
  const help = values.help === true;
  if (!help && positionals.length !== 2) {
    throw new UsageError(`diff: expected two files (sim run --json outputs or --trace files), got ${positionals.length}`);
  }
  return {
    help,
    files: [positionals[0] ?? '', positionals[1] ?? ''],
    context: values.context === undefined ? DIFF_DEFAULT_CONTEXT : parseContext(values.context),
    scenario: nonEmpty('--scenario', values.scenario),
    json: values.json === true,
    color: values.color,
  };
}

function parseContext(text: string): number {
  const n = wholeNumber(text);
  if (!(n <= MAX_CONTEXT)) throw new UsageError(`diff: --context "${text}": expected an integer from 0 to ${MAX_CONTEXT}`);
  return n;
}
