/**
 * Bad command lines for the fuzz test (fuzz-bad-input.test.ts): every
 * command, from a command line that works (BASES) with one mistake put in,
 * so each case is wrong for the reason its `why` names. Files a case needs
 * (a bad module, a bad faults or run file) come with it; the files of
 * baseFiles() are in every case's folder.
 */
import fc from 'fast-check';
import { type Stage, badFaultsFile, badFaultSpace, badModule, badRunFile, badScenarioAFaults, GOOD_FAULTS, PROBE_PARAMS, probeModule } from './fuzz-files.js';

export interface Fixtures {
  /** A run file of `sim sweep probe.mjs --runs 3` (seeds 1..3, default params). */
  readonly runFile: string;
  /** `sim run probe.mjs --json` with seeds 42 and 2. */
  readonly reportA: string;
  readonly reportB: string;
  /** Built-in scenario ids (`sim list --json`). */
  readonly builtIns: readonly string[];
}

export interface BadCase {
  readonly why: string;
  readonly argv: readonly string[];
  /** Files to create besides baseFiles(), by name relative to the case's folder. */
  readonly files: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
}

/** What every case's folder holds before the command runs: a working scenario, its faults, a run file, two reports, files of the user's. */
export function baseFiles(fx: Fixtures): Record<string, string> {
  return {
    'ok.mjs': probeModule(),
    'faults.json': JSON.stringify(GOOD_FAULTS),
    'runs.ndjson': fx.runFile,
    'a.json': fx.reportA,
    'b.json': fx.reportB,
    'notes.txt': 'my notes, not failsim\'s\n',
    'sub/keep.txt': 'keep me\n',
  };
}

type Kind = 'string' | 'boolean';

interface Command {
  readonly words: readonly string[];
  /** Arguments after `words` that make a command that works. */
  readonly base: readonly string[];
  readonly options: Readonly<Record<string, Kind>>;
  readonly shorts: string;
}

const COMMON: Record<string, Kind> = { help: 'boolean', color: 'boolean' };
const POOL: Record<string, Kind> = { ...COMMON, json: 'boolean', runs: 'string', seed: 'string', workers: 'string' };

const COMMANDS: Record<string, Command> = {
  list: { words: ['list'], base: [], options: { ...COMMON, json: 'boolean' }, shorts: 'h' },
  run: { words: ['run'], base: ['ok.mjs', '--seed', '3', '--until', '3s'], options: { ...COMMON, json: 'boolean', seed: 'string', set: 'string', faults: 'string', until: 'string', trace: 'string', force: 'boolean', 'verify-determinism': 'boolean' }, shorts: 'h' },
  sweep: { words: ['sweep'], base: ['ok.mjs', '--runs', '2', '--workers', '1'], options: { ...POOL, set: 'string', out: 'string', force: 'boolean', resume: 'string', shard: 'string', 'shard-count': 'string', 'incidents-per-year': 'string', metric: 'string' }, shorts: 'hnjo' },
  compare: { words: ['compare'], base: ['ok.mjs', '--runs', '2', '--workers', '1', '--set', 'n=1', '--vs', 'n=2'], options: { ...POOL, set: 'string', vs: 'string', both: 'string', metric: 'string' }, shorts: 'hnj' },
  matrix: { words: ['matrix'], base: ['ok.mjs', '--runs', '2', '--workers', '1'], options: POOL, shorts: 'hnj' },
  merge: { words: ['merge'], base: ['runs.ndjson', '--scenario', 'ok.mjs'], options: { ...COMMON, json: 'boolean', scenario: 'string', runs: 'string', 'allow-missing': 'boolean', 'incidents-per-year': 'string', metric: 'string' }, shorts: 'hn' },
  check: { words: ['check'], base: ['ok.mjs', '--runs', '3'], options: { ...COMMON, runs: 'string', seed: 'string', set: 'string', 'max-faults': 'string', 'faults-out': 'string', save: 'string', force: 'boolean', json: 'boolean' }, shorts: 'hn' },
  diff: { words: ['diff'], base: ['a.json', 'b.json', '--scenario', 'ok.mjs'], options: { ...COMMON, json: 'boolean', context: 'string', scenario: 'string' }, shorts: 'hC' },
  tui: { words: ['tui'], base: ['ok.mjs'], options: { ...COMMON, seed: 'string', set: 'string', paused: 'boolean', charset: 'string', ascii: 'boolean', out: 'string', force: 'boolean' }, shorts: 'ho' },
  'help faults': { words: ['help', 'faults'], base: ['ok.mjs'], options: { ...COMMON, set: 'string', 'json-schema': 'boolean' }, shorts: 'h' },
};

/** A mistake: the arguments after the command words, and what it needs besides. */
interface Mistake {
  readonly why: string;
  readonly args: readonly string[];
  readonly files?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
}

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const word = fc.stringMatching(/^[a-zA-Z0-9_.][a-zA-Z0-9_.-]{0,15}$/);

/** `args` without `--flag value` (every occurrence), then `--flag value` (or `--flag=value`) added at the end. */
function setOption(args: readonly string[], flag: string, value: string | undefined, joined = false): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${flag}`) { i++; continue; }
    out.push(args[i]!);
  }
  if (value === undefined) return [...out, `--${flag}`];
  return joined ? [...out, `--${flag}=${value}`] : [...out, `--${flag}`, value];
}

function withoutUntil(args: readonly string[]): string[] {
  const i = args.indexOf('--until');
  return i < 0 ? [...args] : [...args.slice(0, i), ...args.slice(i + 2)];
}

function replaceArg(args: readonly string[], from: string, to: string): string[] {
  return args.map((a) => (a === from ? to : a));
}

function withValue(c: Command, flag: string, bad: fc.Arbitrary<string>, why: string): fc.Arbitrary<Mistake> {
  return fc.tuple(bad, fc.boolean()).map(([v, joined]) => ({ why: `${why} ${JSON.stringify(v)}`, args: setOption(c.base, flag, v, joined) }));
}

// ------------------------------------------------------------------ values

const notDigits = (s: string) => !/^\s*\d+\s*$/.test(s);
const badInteger = fc.oneof(
  pick('-1', '1.5', 'abc', '', '  ', '1e3', '0x10', '+5', '\u0661\u0662', 'NaN', 'Infinity', '-0', '5s', '1_000', '99999999999999999999', '9007199254740993'),
  fc.string({ maxLength: 12 }).filter(notDigits),
  fc.stringMatching(/^[1-9]\d{16,40}$/),
);
const badPositive = fc.oneof(badInteger, pick('0', '00', ' 0 '));
const badDuration = fc.oneof(
  pick('soon', '-5s', '5 s', '1e3', '', '3 days', '1.s', '.5s', '5sec', '9000000001', '9000000001s', '150000001m', '99999999999999999999', 'NaN', 'Infinity', '-0'),
  fc.string({ maxLength: 10 }).filter((s) => !/^(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)?$/.test(s.trim())),
);
const badRate = fc.oneof(pick('0', '-1', 'abc', '', 'Infinity', 'NaN', '1e999', '-Infinity', ' '), fc.string({ maxLength: 8 }).filter((s) => !(Number(s) > 0 && Number.isFinite(Number(s)) && s.trim() !== '')));

/** A `--set` that the probe's params refuse: unknown or inherited keys, no "=", values of the wrong type or out of range. */
const badSetting: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.oneof(word, pick('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'N', 'n ')), fc.string({ maxLength: 6 }))
    .filter(([k]) => !Object.hasOwn(PROBE_PARAMS, k.trim())).map(([k, v]) => `${k}=${v}`),
  fc.string({ maxLength: 12 }).filter((s) => s.indexOf('=') <= 0),
  pick('abc', '', 'NaN', '1.5', '11', '-1', 'Infinity', '1e999', 'true', '1,2').map((v) => `n=${v}`),
  fc.string({ maxLength: 6 }).filter((v) => !PROBE_PARAMS.mode.includes(v as 'fast') && PROBE_PARAMS.mode.filter((o) => o.startsWith(v)).length !== 1).map((v) => `mode=${v}`),
  fc.string({ maxLength: 6 }).filter((v) => v !== 'true' && v !== 'false').map((v) => `loud=${v}`),
);

// ------------------------------------------------------------------ mistakes any command can make

function unknownOption(c: Command): fc.Arbitrary<Mistake> {
  const known = (name: string) => Object.hasOwn(c.options, name) || (name.startsWith('no-') && c.options[name.slice(3)] === 'boolean');
  const long = fc.tuple(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,15}$/).filter((n) => !known(n)), fc.option(fc.string({ maxLength: 5 }), { nil: undefined }))
    .map(([n, v]) => (v === undefined ? `--${n}` : `--${n}=${v}`));
  const short = fc.stringMatching(/^[a-zA-Z]$/).filter((l) => !c.shorts.includes(l)).map((l) => `-${l}`);
  return fc.tuple(fc.oneof(long, short), fc.nat(c.base.length)).map(([opt, at]) => ({ why: `unknown option ${opt}`, args: [...c.base.slice(0, at), opt, ...c.base.slice(at)] }));
}

function missingValue(c: Command): fc.Arbitrary<Mistake> {
  const flags = Object.keys(c.options).filter((k) => c.options[k] === 'string');
  return flags.length === 0 ? unknownOption(c) : pick(...flags).map((f) => ({ why: `--${f} without its value, last`, args: [...c.base, `--${f}`] }));
}

function booleanWithValue(c: Command): fc.Arbitrary<Mistake> {
  const flags = Object.keys(c.options).filter((k) => c.options[k] === 'boolean');
  return fc.tuple(pick(...flags), pick('yes', '1', 'true', '', 'false')).map(([f, v]) => ({ why: `--${f}=${v} (takes no value)`, args: [...c.base, `--${f}=${v}`] }));
}

function extraPositional(c: Command, name: string): fc.Arbitrary<Mistake> {
  const positionals = name === 'merge' ? Infinity : name === 'diff' ? 2 : name === 'list' ? 0 : 1;
  const extra = name === 'merge' ? word.filter((w) => !['runs.ndjson'].includes(w)) : fc.oneof(word, pick('', 'ok.mjs', 'n=2'));
  if (positionals === Infinity) return extra.map((w) => ({ why: `merge of "${w}", a file that is not there`, args: [w, ...c.base] })).filter((m) => !['ok.mjs', 'a.json', 'b.json', 'faults.json', 'notes.txt', 'sub'].includes(m.args[0]!));
  return extra.map((w) => ({ why: `${positionals + 1} positional arguments, "${w}" extra`, args: [...c.base, w] }));
}

// ------------------------------------------------------------------ command-specific mistakes

function numbers(c: Command, name: string): fc.Arbitrary<Mistake>[] {
  const out: fc.Arbitrary<Mistake>[] = [];
  const has = (f: string) => Object.hasOwn(c.options, f);
  if (has('seed')) out.push(withValue(c, 'seed', badInteger, '--seed'));
  if (has('runs')) out.push(withValue(c, 'runs', name === 'check' ? badPositive : fc.oneof(badPositive, pick('100000001', '1000000000')), '--runs'));
  if (has('workers')) out.push(withValue(c, 'workers', badPositive, '--workers'));
  if (['sweep', 'compare', 'matrix'].includes(name)) out.push(fc.constant({ why: '--seed whose last seed is past 2^53', args: setOption(c.base, 'seed', '9007199254740991') }));
  if (has('until')) out.push(withValue(c, 'until', badDuration, '--until'));
  if (has('max-faults')) out.push(withValue(c, 'max-faults', fc.oneof(badPositive, pick('21', '1000')), '--max-faults'));
  if (has('context')) out.push(withValue(c, 'context', fc.oneof(badInteger.filter(notDigits), pick('1001', '99999999999999999999')), '--context'));
  if (has('incidents-per-year')) out.push(withValue(c, 'incidents-per-year', badRate, '--incidents-per-year'));
  if (has('charset')) out.push(withValue(c, 'charset', word.filter((w) => !['braille', 'block', 'ascii'].includes(w)), '--charset'));
  if (has('metric')) out.push(withValue(c, 'metric', fc.oneof(word.filter((w) => w !== 'ticks'), pick(',', 'ticks,', ' ')), '--metric'));
  if (has('shard')) {
    out.push(withValue(c, 'shard', fc.oneof(pick('1', '2/2', '0/0', '-1/2', '1/2/3', 'a/b', '', '3/2', '0/99999999999999999999'), fc.string({ maxLength: 6 }).filter((s) => !/^\s*\d+\s*\/\s*\d+\s*$/.test(s))), '--shard'));
    out.push(fc.constant({ why: '--shard and --shard-count', args: [...c.base, '--shard', '0/2', '--shard-count', '2'] }));
    out.push(fc.tuple(fc.option(fc.oneof(pick('', 'abc', '-1', '2', '5', '1.5'), fc.string({ maxLength: 4 }).filter((s) => !(/^\s*\d+\s*$/.test(s) && Number(s) < 2))), { nil: undefined }))
      .map(([index]): Mistake => ({ why: `--shard-count 2 with JOB_COMPLETION_INDEX ${JSON.stringify(index)}`, args: [...c.base, '--shard-count', '2'], env: index === undefined ? {} : { JOB_COMPLETION_INDEX: index } })));
  }
  return out;
}

function settings(c: Command, name: string): fc.Arbitrary<Mistake>[] {
  const flags = name === 'compare' ? ['set', 'vs', 'both'] : Object.hasOwn(c.options, 'set') ? ['set'] : [];
  const out = flags.map((f) => fc.tuple(badSetting, fc.boolean()).map(([s, joined]) => ({ why: `--${f} ${JSON.stringify(s)}`, args: [...c.base, ...(joined ? [`--${f}=${s}`] : [`--${f}`, s])] })));
  if (name === 'compare') out.push(pick('n=1', 'mode=fast').map((s) => ({ why: `--set and --vs the same (${s})`, args: ['ok.mjs', '--runs', '2', '--set', s, '--vs', s] })));
  if (name === 'tui') out.push(fc.constant({ why: 'tui --set without a scenario', args: ['--set', 'n=2'] }));
  return out;
}

/**
 * How far each command goes with a scenario: `help faults` only builds it,
 * `merge` only loads it, `diff` re-runs a report's own length and faults,
 * `check` runs faults of its own. (`run` is given no --until with a bad module.)
 */
const STAGES: Record<string, readonly Stage[]> = { 'help faults': ['load', 'build'], merge: ['load'], diff: ['load', 'build', 'run'], check: ['load', 'build', 'run', 'length'] };

/** The scenario, replaced by one that is not there or does not work. */
function scenarios(c: Command, name: string, fx: Fixtures): fc.Arbitrary<Mistake>[] {
  const ref = name === 'merge' || name === 'diff' ? null : 'ok.mjs';
  const swap = (to: string): readonly string[] => (ref === null ? setOption(c.base, 'scenario', to) : replaceArg(c.base, 'ok.mjs', to));
  const family = (w: string) => fx.builtIns.includes(w) || fx.builtIns.some((id) => id.startsWith(`${w}-`));
  const out: fc.Arbitrary<Mistake>[] = [
    fc.tuple(badModule(STAGES[name] ?? ['load', 'build', 'run', 'length', 'schedule']), pick('', './', 'sub/../'))
      .map(([m, dir]) => ({ why: `scenario module ${m.value.name}: ${m.why}`, args: withoutUntil(swap(`${dir}${m.value.name}`)), files: { [m.value.name]: m.value.text } })),
    fc.oneof(pick('missing.mjs', 'nope/x.ts', './sub', 'sub/', './notes.txt', '/nonexistent/s.mts', 'sub/keep.txt'), word.filter((w) => !family(w) && !w.includes('.')))
      .map((r) => ({ why: `scenario ${JSON.stringify(r)} that is not one`, args: swap(r) })),
  ];
  if (name === 'check') out.push(badFaultSpace.map((b) => ({ why: b.why, args: replaceArg(c.base, 'ok.mjs', 'space.mjs'), files: { 'space.mjs': probeModule(b.value) } })));
  if (name === 'matrix') out.push(pick('ok.mjs,nope', 'nope,ok.mjs', 'ok.mjs,,', 'ok.mjs,missing.mjs').map((w) => ({ why: `matrix ${w}`, args: replaceArg(c.base, 'ok.mjs', w) })));
  return out;
}

/** An output option pointed at a file failsim did not write, a folder, or a folder that is not there. */
function outputs(c: Command, name: string): fc.Arbitrary<Mistake>[] {
  const flags = { run: ['trace'], sweep: ['out'], check: ['faults-out', 'save'], tui: ['out'] }[name] ?? [];
  return flags.map((f) => fc.oneof(
    pick('notes.txt', 'runs.ndjson', 'ok.mjs', 'sub/keep.txt', './a.json').map((file) => ({ why: `--${f} ${file}, which exists, without --force`, args: [...c.base, `--${f}`, file] })),
    fc.tuple(pick('sub', 'sub/', '.'), fc.boolean()).map(([dir, force]) => ({ why: `--${f} ${dir}, a folder${force ? ', with --force' : ''}`, args: [...c.base, `--${f}`, dir, ...(force ? ['--force'] : [])] })),
    fc.tuple(pick('nope/out.txt', 'notes.txt/out.txt', 'sub/nope/x'), fc.boolean()).map(([file, force]) => ({ why: `--${f} ${file}, in a folder that is not there`, args: [...c.base, `--${f}`, file, ...(force ? ['--force'] : [])] })),
    pick('', ' ').map((file) => ({ why: `--${f} ${JSON.stringify(file)}`, args: [...c.base, `--${f}=${file}`] })),
  ));
}

function faultsFiles(c: Command): fc.Arbitrary<Mistake> {
  return fc.oneof(
    fc.tuple(badFaultsFile, fc.boolean()).map(([b, short]) => ({ why: `faults file: ${b.why}${short ? ', --until 1s' : ''}`, args: [...setOption(c.base, 'until', short ? '1s' : '3s'), '--faults', 'bad.json'], files: { 'bad.json': b.value } })),
    badScenarioAFaults.map((b) => ({ why: `scenario-a faults file: ${b.why}`, args: ['scenario-a', '--until', '1s', '--faults', 'bad.json'], files: { 'bad.json': b.value } })),
    pick('missing.json', 'sub', 'sub/', '', 'ok.mjs', 'runs.ndjson', 'notes.txt').map((f) => ({ why: `--faults ${JSON.stringify(f)}`, args: [...c.base, `--faults=${f}`] })),
  );
}

function resumes(c: Command, fx: Fixtures): fc.Arbitrary<Mistake> {
  return fc.oneof(
    badRunFile(fx.runFile).map((b) => ({ why: `--resume of ${b.why}`, args: [...setOption(c.base, 'runs', '3'), '--resume', 'resume.ndjson'], files: { 'resume.ndjson': b.value } })),
    pick<[string, string[]]>(['--seed 5', ['--seed', '5']], ['--set n=2', ['--set', 'n=2']], ['--runs 2', ['--runs', '2']], ['--shard 0/2', ['--shard', '0/2']], ['--shard 1/2', ['--shard', '1/2']])
      .map(([what, extra]) => ({ why: `--resume of another sweep's file (${what})`, args: [...setOption(c.base, 'runs', '3'), ...extra, '--resume', 'runs.ndjson'] })),
    pick('notes.txt', 'missing.ndjson', 'sub', 'a.json', 'faults.json', 'ok.mjs').map((f) => ({ why: `--resume ${f}`, args: [...setOption(c.base, 'runs', '3'), '--resume', f] })),
    fc.constant({ why: '--out and --resume', args: [...c.base, '--out', 'new.ndjson', '--resume', 'runs.ndjson'] }),
  );
}

function merges(fx: Fixtures): fc.Arbitrary<Mistake> {
  return fc.oneof(
    fc.tuple(badRunFile(fx.runFile), fc.boolean()).map(([b, alone]) => ({ why: `merge of ${b.why}`, args: [...(alone ? [] : ['runs.ndjson']), 'bad.ndjson', '--scenario', 'ok.mjs'], files: { 'bad.ndjson': b.value } })),
    pick<[string, string[]]>(
      ['without --scenario (probe is not built in)', ['runs.ndjson']], ['the same file twice', ['runs.ndjson', 'runs.ndjson', '--scenario', 'ok.mjs']],
      ['--runs 5 of 3 runs', ['runs.ndjson', '--scenario', 'ok.mjs', '--runs', '5']], ['no files', ['--scenario', 'ok.mjs']], ['a folder', ['sub', '--scenario', 'ok.mjs']],
      ['a report', ['a.json', '--scenario', 'ok.mjs']], ['a faults file', ['faults.json', '--scenario', 'ok.mjs']], ['a text file', ['notes.txt', '--scenario', 'ok.mjs']],
      ['an empty file name', ['', '--scenario', 'ok.mjs']],
    ).map(([why, args]) => ({ why: `merge: ${why}`, args })),
  );
}

function diffs(fx: Fixtures): fc.Arbitrary<Mistake> {
  const report = fx.reportA;
  const bad: fc.Arbitrary<{ why: string; text: string }> = fc.oneof(
    fc.nat(report.length - 2).map((n) => ({ why: `a report cut off after ${n} characters`, text: report.slice(0, n) })),
    fc.string({ maxLength: 40 }).map((t) => ({ why: 'text', text: t })),
    fc.integer({ min: 65, max: 30_000 }).map((d) => ({ why: `JSON nested ${d} deep`, text: `{"failsim":1,"params":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}` })),
    fc.constant({ why: 'a run file', text: fx.runFile }),
    fc.constant({ why: 'a faults file', text: JSON.stringify(GOOD_FAULTS) }),
    fc.jsonValue({ maxDepth: 2 }).map((v) => ({ why: 'some JSON', text: JSON.stringify(v) })),
  );
  return fc.oneof(
    fc.tuple(bad, fc.boolean()).map(([b, first]) => ({ why: `diff of ${b.why}`, args: first ? ['x.json', 'b.json', '--scenario', 'ok.mjs'] : ['a.json', 'x.json', '--scenario', 'ok.mjs'], files: { 'x.json': b.text } })),
    pick<string[]>(['a.json'], ['a.json', 'b.json', 'a.json'], ['a.json', 'missing.json'], ['sub', 'a.json'], ['', 'a.json'], []).map((files) => ({ why: `diff of ${JSON.stringify(files)}`, args: [...files, '--scenario', 'ok.mjs'] })),
  );
}

function topLevel(): fc.Arbitrary<BadCase> {
  const commands = ['list', 'run', 'sweep', 'compare', 'matrix', 'merge', 'check', 'diff', 'tui', 'help', 'version'];
  return fc.oneof(
    fc.tuple(fc.string({ maxLength: 12 }).filter((w) => !commands.includes(w) && !w.startsWith('-')), fc.array(word, { maxLength: 3 })).map(([w, rest]) => ({ why: `unknown command ${JSON.stringify(w)}`, argv: [w, ...rest], files: {}, env: {} })),
    fc.stringMatching(/^--?[a-zA-Z-]{1,12}$/).filter((o) => !['-h', '--help', '-V', '--version'].includes(o)).map((o) => ({ why: `unknown option ${o} first`, argv: [o, 'run', 'ok.mjs'], files: {}, env: {} })),
    word.filter((w) => !commands.includes(w) && w !== 'faults').map((w) => ({ why: `help of unknown command ${JSON.stringify(w)}`, argv: ['help', w], files: {}, env: {} })),
  );
}

/** Every mistake command `name` can be given. */
function mistakes(name: string, fx: Fixtures): fc.Arbitrary<Mistake> {
  const c = COMMANDS[name]!;
  const all: fc.Arbitrary<Mistake>[] = [unknownOption(c), missingValue(c), booleanWithValue(c), extraPositional(c, name), ...numbers(c, name), ...settings(c, name), ...outputs(c, name)];
  if (name !== 'list') all.push(...scenarios(c, name, fx));
  if (name === 'run') all.push(faultsFiles(c), faultsFiles(c));
  if (name === 'sweep') all.push(resumes(c, fx), resumes(c, fx));
  if (name === 'merge') all.push(merges(fx), merges(fx));
  if (name === 'diff') all.push(diffs(fx), diffs(fx));
  return fc.oneof(...all);
}

/** A bad command line of any command, with the files it names. */
export function badCase(fx: Fixtures): fc.Arbitrary<BadCase> {
  const weights: Record<string, number> = { run: 6, sweep: 5, check: 2, compare: 2, matrix: 1, merge: 3, diff: 2, tui: 1, list: 1, 'help faults': 1 };
  const perCommand = Object.entries(weights).map(([name, weight]) => ({
    weight,
    arbitrary: mistakes(name, fx).map((m): BadCase => ({ why: `${name}: ${m.why}`, argv: [...COMMANDS[name]!.words, ...m.args], files: m.files ?? {}, env: m.env ?? {} })),
  }));
  return fc.oneof({ weight: 1, arbitrary: topLevel() }, ...perCommand);
}
