/**
 * Bad input: exit code 2, exactly one line on stderr (no stack trace) and
 * nothing on stdout, whatever the mistake.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, sim, TINY } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-cli-'));
/**
 * TINY's plain JavaScript twin (tiny-js.mjs: the same scenario): for cases
 * whose mistake is in an argument, so the process loads no TypeScript
 * (about 0.7 s of CPU each). 'unknown --set key' keeps TINY: bad input to a
 * TypeScript module.
 */
const JS_TWIN = 'test/fixtures/tiny-js.mjs';
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

const faults = {
  malformed: file('malformed.json', '[{"at": "5s",'),
  schema: file('schema.json', '[{"at": "soon", "target": "server", "kind": "crash"}]'),
  missingKind: file('missing-kind.json', '{"faults": [{"at": "5s", "target": "server"}]}'),
  notAList: file('number.json', '42'),
  unknownTarget: file('unknown-target.json', '[{"at": "5s", "target": "nope", "kind": "crash"}]'),
  unknownKind: file('unknown-kind.json', '[{"at": "5s", "target": "server", "kind": "explode"}]'),
};
const modules = {
  notAScenario: file('not-a-scenario.mjs', 'export default { id: "x", title: "half a scenario" };\n'),
  noExport: file('no-export.mjs', 'export const answer = 42;\n'),
  syntax: file('syntax.ts', 'export default {{ oops\n'),
  missingImport: file('missing-import.mjs', 'import "./does-not-exist.mjs";\nexport default {};\n'),
};

const cases: [string, string[], RegExp][] = [
  ['seed that is not a number', ['run', TINY, '--seed', 'abc'], /--seed "abc": expected a non-negative integer/],
  ['negative seed', ['run', TINY, '--seed', '-1'], /--seed "-1": expected a non-negative integer/],
  ['negative seed with =', ['run', TINY, '--seed=-1'], /--seed "-1"/],
  ['fractional seed', ['run', TINY, '--seed', '1.5'], /--seed "1.5"/],
  ['seed without a value', ['run', TINY, '--seed'], /option --seed needs a value/],
  ['unknown --set key', ['run', TINY, '--set', 'nope=1'], /unknown parameter "nope" \(valid: maxDowntimeMs, mode, requestIntervalMs, restartDelayMs\)/],
  ['--set without =', ['run', JS_TWIN, '--set', 'restartDelayMs'], /expected key=value/],
  ['--set value of the wrong type', ['run', JS_TWIN, '--set', 'restartDelayMs=abc'], /--set restartDelayMs="abc": expected a number/],
  ['--set value out of range', ['run', JS_TWIN, '--set', 'restartDelayMs=-5'], /parameter restartDelayMs=-5: Too small/],
  ['--set value not in the enum', ['run', JS_TWIN, '--set', 'mode=sometimes'], /parameter mode="sometimes"/],
  ['unknown scenario id', ['run', 'no-such-scenario'], /unknown scenario "no-such-scenario" \(/],
  ['missing scenario file', ['run', 'scenarios/does-not-exist.ts'], /scenario file "scenarios\/does-not-exist.ts": no such file/],
  ['scenario argument missing', ['run', '--seed', '1'], /run: missing scenario/],
  ['two scenarios', ['run', TINY, TINY], /unexpected argument/],
  ['module whose default export is not a scenario', ['run', modules.notAScenario], /is not a scenario \(it lacks source, params, durationMs, faults, build, metrics, claims/],
  ['module without a scenario export', ['run', modules.noExport], /exports no scenario/],
  ['module with a syntax error', ['run', modules.syntax], /cannot load/],
  ['module importing a missing file', ['run', modules.missingImport], /cannot load .*does-not-exist/],
  ['missing faults file', ['run', TINY, '--faults', join(dir, 'nope.json')], /faults file ".*nope.json": no such file or directory/],
  ['malformed faults JSON', ['run', JS_TWIN, '--faults', faults.malformed], /faults file ".*malformed.json": not valid JSON/],
  ['faults file failing the schema', ['run', JS_TWIN, '--faults', faults.schema], /faults file ".*schema.json": fault #1 "at": expected a duration/],
  ['faults file with a missing field', ['run', JS_TWIN, '--faults', faults.missingKind], /faults file ".*missing-kind.json": fault #1 "kind"/],
  ['faults file that is not a list', ['run', JS_TWIN, '--faults', faults.notAList], /expected a list of faults/],
  ['fault with an unknown target', ['run', JS_TWIN, '--faults', faults.unknownTarget], /faults file ".*unknown-target.json": fault #1: unknown fault target "nope" \(valid: server\)/],
  ['fault with an unknown kind', ['run', JS_TWIN, '--faults', faults.unknownKind], /target "server" has no fault "explode" \(valid: crash\)/],
  ['bad --until', ['run', TINY, '--until', 'soon'], /--until "soon": expected a duration/],
  ['negative --until', ['run', TINY, '--until', '-5s'], /--until "-5s"/],
  ['trace file in a missing directory', ['run', TINY, '--trace', join(dir, 'no/such/dir/t.ndjson')], /--trace ".*t.ndjson": the folder ".*no\/such\/dir" does not exist/],
  ['unknown option', ['run', TINY, '--bogus'], /run: unknown option --bogus/],
  ['flag given a value', ['run', TINY, '--json=yes'], /option --json takes no value/],
  ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ['unknown top-level option', ['--bogus'], /unknown option --bogus/],
  ['help for an unknown command', ['help', 'frobnicate'], /help: unknown command/],
  ['list with a stray argument', ['list', 'extra'], /list: unexpected argument "extra"/],
];

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('bad input exits 2 with one line on stderr and nothing on stdout', () => {
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await sim(args);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^sim: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  });
});
