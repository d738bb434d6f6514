/**
 * Issue 11, part A: a faults file is checked in full before a run starts
 * (every fault, at any time, against the models' targets, hosts and params
 * schemas), --set takes only the schema's own keys, run lengths and JSON
 * depth are bounded, and an echoed input is cut. Each is exit 2 with one
 * line on stderr, nothing on stdout and nothing written.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, sim } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-faults-'));
const file = (name: string, value: unknown) => { const p = join(dir, name); writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value)); return p; };
const deep = (depth: number, inner = '1') => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);

const f = {
  soon: file('soon.json', [{ at: '30s', target: 'pg-0', kind: 'node-crash', params: { recoverAfterMs: 'soon' } }]),
  late: file('late.json', { faults: [{ at: '10s', target: 'pg-1', kind: 'crash' }, { at: '900s', target: 'pg-0', kind: 'node-crash', params: { recoverAfterMs: 'soon' } }] }),
  isolate: file('isolate.json', [{ at: '30s', target: 'network', kind: 'isolate', params: { host: 'pg-9' } }]),
  partition: file('partition.json', [{ at: '30s', target: 'network', kind: 'partition', params: { groups: [['pg-0'], ['pg-7']] } }]),
  loss: file('loss.json', [{ at: '30s', target: 'network', kind: 'loss', params: { host: 'pg-1', p: 2 } }]),
  stray: file('stray.json', [{ at: '30s', target: 'pg-0', kind: 'crash', params: { restartAfterMs: 5000 } }]),
  missing: file('missing.json', [{ at: '30s', target: 'network', kind: 'isolate' }]),
  beyond: file('beyond.json', [{ at: 1e13, target: 'pg-0', kind: 'crash' }]),
  redis: file('redis.json', [{ at: '30s', target: 'redis', kind: 'fill-memory', params: { bytes: -1 } }]),
  deepFaults: file('deep-faults.json', `[{"at":"1s","target":"pg-0","kind":"crash","params":${deep(20_000)}}]`),
  deepReport: file('deep-report.json', `{"failsim":1,"params":${deep(20_000)}}`),
  deepRun: file('deep-run.ndjson', `{"scenario":"scenario-a","params":${deep(20_000)}}\n`),
  megabyte: file('megabyte.json', [{ at: '1s', target: 'x'.repeat(1 << 20), kind: 'crash' }]),
};
const trace = join(dir, 'trace.ndjson');

const cases: [string, string[], RegExp][] = [
  ['fault params of the wrong type', ['run', 'scenario-a', '--faults', f.soon], /faults file ".*soon.json": fault #1: pg-0 node-crash: params.recoverAfterMs: .*expected number, received string/],
  ['a bad fault after --until', ['run', 'scenario-a', '--faults', f.late, '--until', '60s'], /fault #2: pg-0 node-crash: params.recoverAfterMs/],
  ['isolate of an unknown host', ['run', 'scenario-a', '--faults', f.isolate], /fault #1: network isolate: params.host: .*expected one of "pg-0"\|"pg-1"\|"pg-2"\|"etcd"\|"app"/],
  ['partition naming an unknown host', ['run', 'scenario-a', '--faults', f.partition], /fault #1: network partition: params.groups.1.0: .*expected one of "pg-0"/],
  ['loss with p: 2', ['run', 'scenario-a', '--faults', f.loss], /fault #1: network loss: params.p: Too big: expected number to be <=1/],
  ['a parameter the kind does not take', ['run', 'scenario-a', '--faults', f.stray], /fault #1: pg-0 crash: params: Unrecognized key: "restartAfterMs"/],
  ['a required parameter missing', ['run', 'scenario-a', '--faults', f.missing], /fault #1: network isolate: params.host/],
  ['a fault past the longest run', ['run', 'scenario-a', '--faults', f.beyond], /fault #1 "at": expected a duration .* at most 9000000000000 ms/],
  ['redis fill-memory of -1 bytes', ['run', 'flux-redis-oom', '--faults', f.redis], /fault #1: redis fill-memory: params.bytes: Too small/],
  ['--set __proto__', ['run', 'scenario-a', '--set', '__proto__=1'], /unknown parameter "__proto__" \(valid: backoffBaseMs, /],
  ['--set constructor', ['run', 'scenario-a', '--set', 'constructor=1'], /unknown parameter "constructor" \(valid: /],
  ['--set toString', ['run', 'scenario-a', '--set', 'toString=1'], /unknown parameter "toString" \(valid: /],
  ['--set valueOf', ['run', 'scenario-a', '--set', 'valueOf=1'], /unknown parameter "valueOf" \(valid: /],
  ['--until past the longest run', ['run', 'scenario-a', '--until', '99999999999999999999'], /--until "99999999999999999999": longer than the longest run/],
  ['a faults file nested 20,000 deep', ['run', 'scenario-a', '--faults', f.deepFaults], /faults file ".*deep-faults.json": nested more than 64 levels deep/],
  ['a report nested 20,000 deep', ['diff', f.deepReport, f.deepReport], /diff: ".*deep-report.json": nested more than 64 levels deep/],
  ['a run file nested 20,000 deep', ['merge', f.deepRun], /line 1: not a run record \(nested more than 64 levels deep\)/],
  ['help faults of an unknown scenario', ['help', 'faults', 'no-such'], /unknown scenario "no-such"/],
  ['help faults with a bad --set', ['help', 'faults', 'scenario-a', '--set', 'members=abc'], /--set members="abc": expected a number/],
];

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('bad faults, parameters and limits exit 2 with one line before anything runs', () => {
  it.each(cases)('%s', async (_name, args, message) => {
    // A run is also asked for a trace: bad input must leave no file behind.
    const r = await sim(args[0] === 'run' ? [...args, '--trace', trace] : args);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^sim: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(r.code).toBe(2);
    expect(existsSync(trace)).toBe(false);
  });

  it('a 1 MB input comes back cut to 80 characters', async () => {
    const r = await sim(['run', 'scenario-a', '--faults', f.megabyte]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown fault target "x{79}…" \(valid: etcd, network, pg-0, pg-1, pg-2\)\n$/);
    expect(r.stderr.length).toBeLessThan(300);
  });
});

describe('sim help faults', () => {
  it('lists targets, kinds and parameters with type, range, default and unit', async () => {
    const r = await sim(['help', 'faults', 'scenario-a', '--set', 'members=4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\netcd, pg-0, pg-1, pg-2, pg-3\n');
    expect(r.stdout).toMatch(/ {2}node-crash {5}recoverAfterMs {2}number >= 0, optional: ms after the crash when the node comes back/);
    expect(r.stdout).toMatch(/ {2}loss .*\n {17}p {5}number from 0 to 1, default 0: /);
    expect(r.stdout).toMatch(/isolate +host +one of pg-0, pg-1, pg-2, pg-3, etcd, app, required/);
  });

  it('--json-schema prints a JSON Schema of the scenario\'s faults file', async () => {
    const r = await sim(['help', 'faults', 'flux-redis-oom', '--json-schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string; $defs: { fault: { anyOf: { properties: Record<string, any>; required: string[] }[] } } };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const fill = schema.$defs.fault.anyOf.find((v) => v.properties['kind'].const === 'fill-memory')!;
    expect(fill.properties['target']).toEqual({ enum: ['redis'] });
    expect(fill.required).toEqual(['at', 'target', 'kind', 'params']);
    expect(fill.properties['params'].properties.bytes).toMatchObject({ type: 'number', exclusiveMinimum: 0 });
    expect(fill.properties['params'].additionalProperties).toBe(false);
  });
});
