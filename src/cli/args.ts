import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_RUN_MS, parseDuration, US_PER_MS } from '../kernel/time.js';
import { UsageError, cutEcho, oneLine } from '../io/errors.js';

export const DEFAULT_SEED = 42;

export interface ListArgs {
  readonly help: boolean;
  readonly json: boolean;
  readonly color: boolean | undefined;
}

export interface RunArgs {
  readonly help: boolean;
  /** The scenario as typed: a built-in id or a module path. */
  readonly scenario: string;
  readonly seed: number;
  /** `--set key=value`, in order. */
  readonly sets: readonly string[];
  readonly faultsFile: string | undefined;
  /** `--until` as typed (for the replay line) and in ms. */
  readonly until: string | undefined;
  readonly untilMs: number | undefined;
  readonly json: boolean;
  readonly traceFile: string | undefined;
  /** `--force`: replace an existing --trace file. */
  readonly force: boolean;
  /** `--verify-determinism`: run twice and compare the traces. */
  readonly verifyDeterminism: boolean;
  readonly color: boolean | undefined;
}

/** Options every command takes. */
export const HELP_COLOR = {
  help: { type: 'boolean', short: 'h' },
  color: { type: 'boolean' },
} as const;

/** Options every command with a --json report takes. */
export const COMMON = {
  ...HELP_COLOR,
  json: { type: 'boolean' },
} as const;

const RUN = {
  ...COMMON,
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  faults: { type: 'string' },
  until: { type: 'string' },
  trace: { type: 'string' },
  force: { type: 'boolean' },
  'verify-determinism': { type: 'boolean' },
} as const;

export function parseListArgs(argv: readonly string[]): ListArgs {
  const { values } = parse('list', argv, COMMON, false);
  return { help: values.help === true, json: values.json === true, color: values.color };
}

export function parseRunArgs(argv: readonly string[]): RunArgs {
  const { values, positionals } = parse('run', argv, RUN, true);
  const help = values.help === true;
  const scenario = oneScenario('run', positionals, help);
  const until = values.until;
  return {
    help,
    scenario,
    seed: values.seed === undefined ? DEFAULT_SEED : parseSeed(values.seed),
    sets: values.set ?? [],
    faultsFile: nonEmpty('--faults', values.faults),
    until,
    untilMs: until === undefined ? undefined : parseUntil(until),
    json: values.json === true,
    traceFile: nonEmpty('--trace', values.trace),
    force: values.force === true,
    verifyDeterminism: values['verify-determinism'] === true,
    color: values.color,
  };
}

/** The one scenario positional of a command (`sim run <scenario>`); '' when only --help was asked for. */
export function oneScenario(command: string, positionals: readonly string[], help: boolean): string {
  if (!help && positionals.length === 0) throw new UsageError(`${command}: missing scenario (an id from \`sim list\` or a path to a scenario module)`);
  if (positionals.length > 1) throw new UsageError(`${command}: unexpected argument "${positionals[1]}" (give one scenario; settings go in --set key=value)`);
  return positionals[0] ?? '';
}

/** The value of text that is only decimal digits (white space around them allowed); NaN otherwise. */
export function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text.trim()) : NaN;
}

/** A seed is a non-negative integer that a double holds exactly. */
export function parseSeed(text: string): number {
  const n = wholeNumber(text);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--seed "${text}": expected a non-negative integer`);
  return n;
}

/** A positive integer a double holds exactly. */
export function parsePositive(flag: string, text: string): number {
  const n = wholeNumber(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag} "${text}": expected a positive integer`);
  return n;
}

/** `--until`: "180s", "3m", "500ms"; a bare number is seconds. Returns ms. */
export function parseUntil(text: string): number {
  const us = parseDuration(text, 's');
  if (us === undefined) throw new UsageError(`--until "${text}": expected a duration such as 180s, 3m or 500ms (a bare number is seconds)`);
  if (!(us <= MAX_RUN_MS * US_PER_MS)) throw new UsageError(`--until "${text}": longer than the longest run, ${MAX_RUN_MS / 1000}s (about 285 years)`);
  return us / US_PER_MS;
}

export function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag}: expected a file name`);
  return value;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type StrictConfig<O extends Options> = { args: string[]; options: O; allowPositionals: true; allowNegative: true; strict: true };

/** node:util's parseArgs, strict, with its errors turned into one-line usage errors naming the command. */
export function parse<O extends Options>(command: string, argv: readonly string[], options: O, allowPositionals = true): ReturnType<typeof parseArgs<StrictConfig<O>>> {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals, allowNegative: true, strict: true });
  } catch (e) {
    throw new UsageError(describeParseError(command, e));
  }
}

/**
 * `--seed -1` as `--seed=-1`: node:util would call "-1" an ambiguous option,
 * but a number after a flag that takes a value is that value (and then gets
 * the flag's own error message).
 */
export function joinNegativeValues(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') { out.push(...argv.slice(i)); break; }
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** node:util's parse errors, reworded to one line that says what to do. */
export function describeParseError(command: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  // Cut here: unlike quoted inputs, errorLine cannot tell an unquoted option from the text around it.
  const option = cutEcho(/'(-[^' ]*)/.exec(message)?.[1] ?? '');
  const arg = cutEcho(/'([^']*)'/.exec(message)?.[1] ?? '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${command}: unknown option ${arg} (see sim ${command} --help)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${command}: unexpected argument "${arg}" (see sim ${command} --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/ambiguous/.test(message)) return `${command}: option ${option} needs a value (for a value starting with "-", write ${option}=VALUE)`;
      if (/missing/.test(message)) return `${command}: option ${option} needs a value`;
      if (/does not take an argument/.test(message)) return `${command}: option ${option} takes no value`;
      return `${command}: ${oneLine(message)}`;
    default:
      return `${command}: ${oneLine(message)}`;
  }
}
