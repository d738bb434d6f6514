import { CHARSETS, type Charset } from '../tui/chart.js';
import { DEFAULT_SEED, HELP_COLOR, nonEmpty, parse, parseSeed } from './args.js';
import { UsageError } from '../io/errors.js';

export interface TuiArgs {
  readonly help: boolean;
  /** A built-in id or a module path; undefined opens the picker. */
  readonly scenario: string | undefined;
  readonly seed: number;
  readonly sets: readonly string[];
  readonly paused: boolean;
  readonly charset: Charset | undefined;
  /** Where live faults are written (default: <id>-seed<N>.faults.json). */
  readonly out: string | undefined;
  /** `--force`: replace an existing --out file (or default-named one). */
  readonly force: boolean;
  readonly color: boolean | undefined;
}

const TUI = {
  ...HELP_COLOR,
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  paused: { type: 'boolean' },
  charset: { type: 'string' },
  ascii: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
} as const;


export function parseTuiArgs(argv: readonly string[]): TuiArgs {
  const { values, positionals } = parse('tui', argv, TUI);
  if (positionals.length > 1) throw new UsageError(`tui: unexpected argument "${positionals[1]}" (give at most one scenario; settings go in --set key=value)`);
  const sets = values.set ?? [];
  if (positionals.length === 0 && sets.length > 0 && values.help !== true) throw new UsageError('tui: --set needs a scenario (sim tui <scenario> --set key=value)');
  const charset = values.ascii === true ? 'ascii' : values.charset;
  if (charset !== undefined && !(CHARSETS as readonly string[]).includes(charset)) throw new UsageError(`tui: --charset "${charset}": expected one of ${CHARSETS.join(', ')}`);
  return {
    help: values.help === true,
    scenario: positionals[0],
    seed: values.seed === undefined ? DEFAULT_SEED : parseSeed(values.seed),
    sets,
    paused: values.paused === true,
    charset: charset as Charset | undefined,
    out: nonEmpty('--out', values.out),
    force: values.force === true,
    color: values.color,
  };
}
