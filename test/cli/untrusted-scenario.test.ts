/**
 * A user's scenario module is untrusted input. One that does not load, or
 * whose answers are wrong (durationMs NaN or negative, faults that are not
 * a list, a metric that is not a number, a claim that returns nothing), is
 * exit 2 with one line naming the file and the field. An exception its own
 * code throws during a run is exit 2 with the message and the user's
 * file:line, none of failsim's frames, and no output file left behind. A
 * zero-delay loop stops with a clear error instead of hanging.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, sim } from './sim.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-untrusted-'));
const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return name; };

beforeAll(ensureBuilt);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A scenario that works, with one part replaced per test. Outside the clone: "failsim" and "zod" resolve to sim's own.
file('base.mjs', `import { z } from 'zod';
import { defineScenario, ms } from 'failsim';
export function make(over = {}) {
  return defineScenario({
    id: 'probe', title: 'probe', source: 'test',
    params: z.object({ n: z.number().default(1) }),
    durationMs: () => 10_000,
    faults: () => [],
    build(sim) {
      const world = { ticks: 0 };
      sim.process((function* tick() { for (;;) { yield sim.sleep(ms(1000)); world.ticks++; } })(), 'ticker');
      return world;
    },
    metrics: (w) => ({ ticks: w.ticks }),
    claims: [{ name: 'ticks', check: (m) => ({ pass: m.ticks > 0, detail: String(m.ticks) }) }],
    ...over,
  });
}
`);
const variant = (name: string, over: string) => file(name, `import { ms } from 'failsim';\nimport { make } from './base.mjs';\nexport default make({ ${over} });\n`);

const invalid: [string, string, RegExp][] = [
  ['durationMs NaN', variant('nan.mjs', 'durationMs: () => NaN'), /^sim: scenario file "nan.mjs": durationMs NaN: expected a run length in ms/],
  ['durationMs negative', variant('negative.mjs', 'durationMs: () => -5'), /^sim: scenario file "negative.mjs": durationMs -5: expected a run length/],
  ['durationMs not a number', variant('string.mjs', 'durationMs: () => "10s"'), /^sim: scenario file "string.mjs": durationMs string: expected/],
  ['faults not a list', variant('faults.mjs', 'faults: () => "none"'), /^sim: scenario file "faults.mjs": faults\(\) returned a string, expected a list of faults/],
  ['a fault without a kind', variant('fault-kind.mjs', 'faults: () => [{ at: "1s", target: "x" }]'), /^sim: scenario file "fault-kind.mjs": faults\(\)\[0\] "kind": /],
  ['a metric that is not a number', variant('metric.mjs', 'metrics: () => ({ ticks: "many" })'), /^sim: scenario file "metric.mjs": metrics\(\) "ticks" is a string, expected a number/],
  ['metrics not an object', variant('metrics.mjs', 'metrics: () => undefined'), /^sim: scenario file "metrics.mjs": metrics\(\) returned undefined/],
  ['a claim returning nothing', variant('claim.mjs', 'claims: [{ name: "c", check: (m) => { m.ticks > 1; } }]'), /^sim: scenario file "claim.mjs": claim "c": returned undefined, expected \{pass: boolean, detail: string\}/],
  ['a claim without check', variant('claim-shape.mjs', 'claims: [{ name: "c" }]'), /^sim: scenario file "claim-shape.mjs": claims\[0\]: expected \{name: string, check/],
  ['an invariant of an unknown kind', variant('invariant.mjs', 'invariants: [{ name: "i", kind: "sometimes", watch: () => ({ verdict: () => ({ pass: true, detail: "" }) }) }]'), /^sim: scenario file "invariant.mjs": invariants\[0\]: expected/],
];

const thrown: [string, string, RegExp][] = [
  ['in build', variant('build.mjs', 'build() { null.boom; }'), /^sim: build\.mjs:3:\d+: TypeError: Cannot read properties of null \(reading 'boom'\)$/],
  ['in a process (TypeScript, called from another function)', file('process.ts', `import { ms, type Simulation } from 'failsim';
import { make } from './base.mjs';
function explode(n: number): never {
  throw new Error(\`the widget broke after \${n} ticks\`);
}
export default make({
  build(sim: Simulation) {
    const world = { ticks: 0 };
    sim.process((function* tick() { for (;;) { yield sim.sleep(ms(1000)); world.ticks++; if (world.ticks === 3) explode(world.ticks); } })(), 'ticker');
    return world;
  },
});
`), /^sim: process\.ts:4:\d+: Error: the widget broke after 3 ticks \(called from process\.ts:9:\d+\)$/],
  ['in a claim', variant('claim-throws.mjs', 'claims: [{ name: "c", check: () => { throw new RangeError("claim blew up"); } }]'), /^sim: claim-throws\.mjs:3:\d+: RangeError: claim blew up$/],
  ['in a metric', variant('metric-throws.mjs', 'metrics: () => { throw new Error("metric failed"); }'), /^sim: metric-throws\.mjs:3:\d+: Error: metric failed$/],
  ['while the module loads', file('top.mjs', 'throw new Error("top-level failure");\n'), /^sim: cannot load "top\.mjs": top\.mjs:1:\d+: Error: top-level failure$/],
];

function expectBadInput(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(lines(r.stderr)).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|dist\/src|node:internal|\n\s+at /);
}

describe.concurrent('a scenario module with invalid parts', () => {
  it.each(invalid)('%s: exit 2, one line naming the file and the field', async (_name, ref, message) => {
    expectBadInput(await sim(['run', ref], { cwd: dir }), message);
  });
});

describe.concurrent('an exception thrown by the user\'s code', () => {
  it.each(thrown)('%s: exit 2, the message and the user\'s file:line, no trace file left', async (_name, ref, message) => {
    const trace = `${ref}.trace.ndjson`;
    expectBadInput(await sim(['run', ref, '--trace', trace], { cwd: dir }), message);
    expect(existsSync(join(dir, trace))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('in a sweep worker: exit 2, the same line, and no --out file left', async () => {
    const r = await sim(['sweep', 'process.ts', '--runs', '3', '--workers', '1', '--out', 'sweep.ndjson'], { cwd: dir });
    expectBadInput(r, thrown[1]![2]);
    expect(existsSync(join(dir, 'sweep.ndjson'))).toBe(false);
  });
});

describe.concurrent('modules that do not load', () => {
  it('CommonJS .js in a "type": "module" package: exit 2, says to use import/export', async () => {
    const sub = join(dir, 'esm-package');
    mkdirSync(sub);
    writeFileSync(join(sub, 'package.json'), '{"type": "module"}\n');
    writeFileSync(join(sub, 'cjs.js'), "const { make } = require('../base.mjs');\nmodule.exports = make();\n");
    const r = await sim(['run', 'cjs.js'], { cwd: sub });
    expectBadInput(r, /^sim: cannot load "cjs\.js": cjs\.js:1:\d+: ReferenceError: require is not defined in ES module scope.*failsim loads ES modules: use import and export default/);
  });

  it('no scenario export: exit 2', async () => {
    expectBadInput(await sim(['run', file('none.mjs', 'export const answer = 42;\n')], { cwd: dir }), /exports no scenario/);
  });
});

describe.concurrent('virtual time that stops advancing', () => {
  it('an endless zero-delay loop stops with exit 2 and names the loop, instead of hanging', async () => {
    const r = await sim(['run', variant('loop.mjs', 'build(sim) { sim.schedule(1000, function spin() { sim.schedule(0, spin); }); return { ticks: 0 }; }')], { cwd: dir });
    expectBadInput(r, /^sim: virtual time stopped advancing: 1000000 events at t=0\.001s without the clock moving, the last one in callback spin\(\)/);
  });

  it('a process yielding zero sleeps forever is named too', async () => {
    const r = await sim(['run', variant('busy.mjs', 'build(sim) { sim.process((function* busy() { for (;;) yield sim.sleep(0); })(), "busy"); return { ticks: 0 }; }')], { cwd: dir });
    expectBadInput(r, /the last one in process "busy"/);
  });
});
