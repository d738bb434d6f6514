/** The CLI's pieces in-process: argument parsing, colour choice, dispatch, scenario shape checks. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, parseRunArgs, parseSeed, parseUntil } from '../../src/cli/args.js';
import { cli } from '../../src/cli/cli.js';
import { isPathRef, scenarioProblems } from '../../src/io/load-scenario.js';
import { wantColor, type Io } from '../../src/cli/output.js';
import tiny from '../fixtures/tiny-scenario.js';

function fakeIo(env: Record<string, string> = {}, stdoutIsTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => { out.push(t); }, err: (t) => { err.push(t); }, env, stdoutIsTTY };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('parseSeed', () => {
  it.each([['0', 0], ['42', 42], ['007', 7], ['9007199254740991', 9007199254740991]])('accepts %s', (text, n) => {
    expect(parseSeed(text)).toBe(n);
  });
  it.each(['abc', '-1', '1.5', '1e3', '', ' ', '0x10', '9007199254740992', 'NaN', 'Infinity'])('rejects %j', (text) => {
    expect(() => parseSeed(text)).toThrow(/expected a non-negative integer/);
  });
});

describe('parseUntil', () => {
  it.each([['180s', 180_000], ['3m', 180_000], ['500ms', 500], ['1h', 3_600_000], ['90', 90_000], ['2.5', 2_500], ['0', 0]])('%s is %d ms', (text, msv) => {
    expect(parseUntil(text)).toBe(msv);
  });
  it.each(['soon', '-5s', '5 parsecs', '', '1e3'])('rejects %j', (text) => {
    expect(() => parseUntil(text)).toThrow(/--until/);
  });
});

describe('parseRunArgs', () => {
  it('defaults the seed to 42 and collects repeated --set in order', () => {
    const a = parseRunArgs(['x', '--set', 'a=1', '--set', 'b=2', '--json']);
    expect(a).toMatchObject({ scenario: 'x', seed: DEFAULT_SEED, sets: ['a=1', 'b=2'], json: true, untilMs: undefined, faultsFile: undefined, traceFile: undefined, color: undefined });
  });
  it('takes --seed=N, --no-color and a value after --', () => {
    expect(parseRunArgs(['--seed=9', '--no-color', '--', 'x'])).toMatchObject({ scenario: 'x', seed: 9, color: false });
  });
  it('does not need a scenario for --help', () => {
    expect(parseRunArgs(['--help']).help).toBe(true);
  });
});

describe('wantColor', () => {
  const io = (env: Record<string, string>, tty: boolean) => fakeIo(env, tty).io;
  it('follows the terminal by default', () => {
    expect(wantColor(io({}, true), undefined)).toBe(true);
    expect(wantColor(io({}, false), undefined)).toBe(false);
  });
  it('honours NO_COLOR (non-empty), FORCE_COLOR and TERM=dumb, in that order', () => {
    expect(wantColor(io({ NO_COLOR: '1' }, true), undefined)).toBe(false);
    expect(wantColor(io({ NO_COLOR: '' }, true), undefined)).toBe(true);
    expect(wantColor(io({ FORCE_COLOR: '1' }, false), undefined)).toBe(true);
    expect(wantColor(io({ FORCE_COLOR: '0' }, true), undefined)).toBe(false);
    expect(wantColor(io({ NO_COLOR: '1', FORCE_COLOR: '1' }, true), undefined)).toBe(false);
    expect(wantColor(io({ TERM: 'dumb' }, true), undefined)).toBe(false);
  });
  it('lets --color / --no-color override everything', () => {
    expect(wantColor(io({ NO_COLOR: '1' }, false), true)).toBe(true);
    expect(wantColor(io({ FORCE_COLOR: '1' }, true), false)).toBe(false);
  });
});

describe('cli dispatch (in-process)', () => {
  it('prints help on stdout with exit 0', async () => {
    const f = fakeIo();
    expect(await cli(['help'], f.io)).toBe(0);
    expect(f.out()).toContain('Usage');
    expect(f.err()).toBe('');
  });
  it('reports bad input as one line with exit 2', async () => {
    const f = fakeIo();
    expect(await cli(['run', 'x', '--seed', 'abc'], f.io)).toBe(2);
    expect(f.err()).toBe('sim: --seed "abc": expected a non-negative integer\n');
    expect(f.out()).toBe('');
  });
  it('reports an internal error with its stack and exit 3', async () => {
    const f = fakeIo();
    const broken: Io = { ...f.io, out: () => { throw new TypeError('stdout exploded'); } };
    expect(await cli(['--help'], broken)).toBe(3);
    expect(f.err()).toMatch(/^sim: internal error: TypeError: stdout exploded\n\s+at /);
  });
});

describe('scenario references and shape', () => {
  it.each([['scenario-a', false], ['my.scenario', false], ['x.ts', true], ['./x', true], ['dir/x.mjs', true], ['x.js', true]])('%s is a path: %s', (ref, path) => {
    expect(isPathRef(ref)).toBe(path);
  });
  it('accepts a real scenario and names what a half one lacks', () => {
    expect(scenarioProblems(tiny)).toEqual([]);
    expect(scenarioProblems({ id: 'x', title: 'y', source: 'z', claims: [] })).toEqual(['params', 'durationMs', 'faults', 'build', 'metrics']);
    expect(scenarioProblems(42)).toEqual(['not an object']);
  });
});
