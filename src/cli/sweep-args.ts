/** Command lines of `sim sweep`, `sim merge`, `sim compare` and `sim matrix`. */
import { COMMON, nonEmpty, oneScenario, parse, parsePositive, parseSeed, wholeNumber } from './args.js';
import { UsageError } from '../io/errors.js';

/** A sweep's first seed unless --seed says otherwise: run i has seed 1 + i. */
export const SWEEP_DEFAULT_SEED = 1;

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface SweepArgs {
  readonly help: boolean;
  readonly scenario: string;
  readonly runs: number;
  readonly seed: number;
  readonly sets: readonly string[];
  /** undefined: one per CPU (os.availableParallelism()). */
  readonly workers: number | undefined;
  readonly out: string | undefined;
  readonly resume: string | undefined;
  /** `--force`: replace an existing --out file. */
  readonly force: boolean;
  readonly shard: Shard | undefined;
  readonly incidentsPerYear: number | undefined;
  /** `--metric NAME`, repeatable: only these metrics in the summary. */
  readonly metrics: readonly string[];
  readonly json: boolean;
  readonly color: boolean | undefined;
}

export interface MergeArgs {
  readonly help: boolean;
  readonly files: readonly string[];
  /** The scenario module, for records of a scenario that is not built in. */
  readonly scenario: string | undefined;
  /** When given: every index 0..runs-1 must be present. */
  readonly runs: number | undefined;
  readonly allowMissing: boolean;
  readonly incidentsPerYear: number | undefined;
  readonly metrics: readonly string[];
  readonly json: boolean;
  readonly color: boolean | undefined;
}

export interface CompareArgs {
  readonly help: boolean;
  readonly scenario: string;
  readonly runs: number;
  readonly seed: number;
  /** Settings of side A (`--set`), side B (`--vs`) and both (`--both`). */
  readonly setA: readonly string[];
  readonly setB: readonly string[];
  readonly both: readonly string[];
  readonly workers: number | undefined;
  readonly metrics: readonly string[];
  readonly json: boolean;
  readonly color: boolean | undefined;
}

export interface MatrixArgs {
  readonly help: boolean;
  /** A family ("flux"), one id, or a comma-separated list of ids and paths. */
  readonly what: string;
  readonly runs: number;
  readonly seed: number;
  readonly workers: number | undefined;
  readonly json: boolean;
  readonly color: boolean | undefined;
}

const POOL = {
  ...COMMON,
  runs: { type: 'string', short: 'n' },
  seed: { type: 'string' },
  workers: { type: 'string', short: 'j' },
} as const;

const SWEEP = {
  ...POOL,
  set: { type: 'string', multiple: true },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  resume: { type: 'string' },
  shard: { type: 'string' },
  'shard-count': { type: 'string' },
  'incidents-per-year': { type: 'string' },
  metric: { type: 'string', multiple: true },
} as const;

const MERGE = {
  ...COMMON,
  scenario: { type: 'string' },
  runs: { type: 'string', short: 'n' },
  'allow-missing': { type: 'boolean' },
  'incidents-per-year': { type: 'string' },
  metric: { type: 'string', multiple: true },
} as const;

const COMPARE = {
  ...POOL,
  set: { type: 'string', multiple: true },
  vs: { type: 'string', multiple: true },
  both: { type: 'string', multiple: true },
  metric: { type: 'string', multiple: true },
} as const;

/** More runs than this in one sweep is surely a typo (and would need gigabytes of bookkeeping). */
export const MAX_RUNS = 100_000_000;

function requireRuns(command: string, text: string | undefined, help: boolean): number {
  if (text === undefined) {
    if (help) return 0;
    throw new UsageError(`${command}: missing --runs N (how many seeds to run)`);
  }
  return parseRuns(text);
}

function parseRuns(text: string): number {
  const n = parsePositive('--runs', text);
  if (n > MAX_RUNS) throw new UsageError(`--runs ${n}: at most ${MAX_RUNS} runs in one sweep`);
  return n;
}

function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--incidents-per-year "${text}": expected a positive number`);
  return n;
}

/** `--metric a --metric b` or `--metric a,b`. */
function parseMetrics(values: readonly string[] | undefined): string[] {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((m) => m.trim());
  if (names.some((m) => m === '')) throw new UsageError('--metric: an empty metric name (give --metric NAME; names are in the summary, or sim run --json)');
  return [...new Set(names)];
}

/** `--runs N` (required unless --help) and `--seed S` (default SWEEP_DEFAULT_SEED), checked together: seeds S..S+N-1 must all be exact. */
function runsAndSeed(command: string, values: { readonly runs?: string | undefined; readonly seed?: string | undefined }, help: boolean): { runs: number; seed: number } {
  const runs = requireRuns(command, values.runs, help);
  const seed = values.seed === undefined ? SWEEP_DEFAULT_SEED : parseSeed(values.seed);
  if (runs > 0 && !Number.isSafeInteger(seed + (runs - 1))) throw new UsageError(`--seed ${seed} with --runs ${runs}: the last seed would be past ${Number.MAX_SAFE_INTEGER}`);
  return { runs, seed };
}

/**
 * `--shard i/n`, or `--shard-count n` with i from JOB_COMPLETION_INDEX (what
 * a Kubernetes Indexed Job sets in each pod). Indices are 0-based.
 */
export function parseShard(shard: string | undefined, shardCount: string | undefined, env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  if (shard !== undefined && shardCount !== undefined) throw new UsageError('give --shard i/n or --shard-count n, not both');
  if (shard !== undefined) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shard);
    const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count <= 0) {
      throw new UsageError(`--shard "${shard}": expected i/n, shard i of n counted from 0 (e.g. 0/4 .. 3/4)`);
    }
    if (index >= count) throw new UsageError(`--shard "${shard}": shard index ${index} is out of range for ${count} shards (0/${count} .. ${count - 1}/${count})`);
    return { index, count };
  }
  if (shardCount !== undefined) {
    const count = parsePositive('--shard-count', shardCount);
    const text = env.JOB_COMPLETION_INDEX;
    if (text === undefined || text.trim() === '') {
      throw new UsageError(`--shard-count ${count}: JOB_COMPLETION_INDEX is not set (a Kubernetes Indexed Job sets it; elsewhere use --shard i/${count})`);
    }
    const index = wholeNumber(text);
    if (!Number.isSafeInteger(index)) throw new UsageError(`JOB_COMPLETION_INDEX "${text}": expected a non-negative integer`);
    if (index >= count) throw new UsageError(`JOB_COMPLETION_INDEX ${index} is out of range for --shard-count ${count} (0 .. ${count - 1})`);
    return { index, count };
  }
  return undefined;
}

export function parseSweepArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): SweepArgs {
  const { values, positionals } = parse('sweep', argv, SWEEP);
  const help = values.help === true;
  const scenario = oneScenario('sweep', positionals, help);
  const { runs, seed } = runsAndSeed('sweep', values, help);
  const out = nonEmpty('--out', values.out);
  const resume = nonEmpty('--resume', values.resume);
  if (out !== undefined && resume !== undefined) throw new UsageError('give --out FILE for a new sweep or --resume FILE to continue one, not both');
  return {
    help,
    scenario,
    runs,
    seed,
    sets: values.set ?? [],
    workers: values.workers === undefined ? undefined : parsePositive('--workers', values.workers),
    out,
    resume,
    force: values.force === true,
    shard: parseShard(values.shard, values['shard-count'], env),
    incidentsPerYear: parseRate(values['incidents-per-year']),
    metrics: parseMetrics(values.metric),
    json: values.json === true,
    color: values.color,
  };
}

export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  const { values, positionals } = parse('merge', argv, MERGE);
  const help = values.help === true;
  if (!help && positionals.length === 0) throw new UsageError('merge: missing files (the NDJSON files of a sweep\'s shards)');
  for (const f of positionals) nonEmpty('merge', f);
  return {
    help,
    files: positionals,
    scenario: nonEmpty('--scenario', values.scenario),
    runs: values.runs === undefined ? undefined : parseRuns(values.runs),
    allowMissing: values['allow-missing'] === true,
    incidentsPerYear: parseRate(values['incidents-per-year']),
    metrics: parseMetrics(values.metric),
    json: values.json === true,
    color: values.color,
  };
}

export function parseCompareArgs(argv: readonly string[]): CompareArgs {
  const { values, positionals } = parse('compare', argv, COMPARE);
  const help = values.help === true;
  const scenario = oneScenario('compare', positionals, help);
  const { runs, seed } = runsAndSeed('compare', values, help);
  const setA = values.set ?? [], setB = values.vs ?? [];
  if (!help && setA.length === 0 && setB.length === 0) {
    throw new UsageError('compare: nothing to compare (give side A\'s settings with --set k=v and side B\'s with --vs k=v; --both k=v goes to both)');
  }
  return {
    help,
    scenario,
    runs,
    seed,
    setA,
    setB,
    both: values.both ?? [],
    workers: values.workers === undefined ? undefined : parsePositive('--workers', values.workers),
    metrics: parseMetrics(values.metric),
    json: values.json === true,
    color: values.color,
  };
}

export function parseMatrixArgs(argv: readonly string[]): MatrixArgs {
  const { values, positionals } = parse('matrix', argv, POOL);
  const help = values.help === true;
  if (!help && positionals.length === 0) throw new UsageError('matrix: missing scenarios (a family such as "flux", or ids separated by commas)');
  if (positionals.length > 1) throw new UsageError(`matrix: unexpected argument "${positionals[1]}" (separate scenarios with commas: a,b,c)`);
  const { runs, seed } = runsAndSeed('matrix', values, help);
  return {
    help,
    what: positionals[0] ?? '',
    runs,
    seed,
    workers: values.workers === undefined ? undefined : parsePositive('--workers', values.workers),
    json: values.json === true,
    color: values.color,
  };
}
