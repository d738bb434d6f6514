/**
 * Bad files for the fuzz test (fuzz-bad-input.test.ts): faults files, run
 * files and scenario modules, each wrong for a reason it names. Every one
 * starts from the working fixture (PROBE_MODULE, its faults, its run file)
 * and breaks one thing, so what is wrong is known, not guessed.
 */
import fc from 'fast-check';

/** A bad input and why it is bad. */
export interface Bad<T = string> {
  readonly why: string;
  readonly value: T;
}

/** A working scenario module: two fault targets whose params are schemas, an invariant and a fault space for `sim check`. */
export function probeModule(over: string = ''): string {
  return `import { z } from 'zod';
import { defineScenario, ms } from 'failsim';
export default defineScenario({
  id: 'probe', title: 'probe', source: 'fuzz fixture',
  params: z.object({ n: z.number().int().min(0).max(10).default(1), mode: z.enum(['fast', 'slow']).default('fast'), loud: z.boolean().default(false) }),
  durationMs: () => 5000,
  faults: () => [{ at: '1s', target: 'server', kind: 'crash' }],
  build(sim, p) {
    const world = { ticks: 0, up: true };
    sim.faults.on('server', 'crash', () => { world.up = false; sim.trace.emit('server', 'crash'); }, z.strictObject({ restartAfterMs: z.number().nonnegative().optional() }));
    sim.faults.on('net', 'loss', () => {}, z.strictObject({ host: z.enum(['a', 'b']), p: z.number().min(0).max(1).default(0) }));
    const jitter = sim.rng('ticker');
    sim.process((function* tick() { for (;;) { yield sim.sleep(ms(1000 + jitter.uniform(0, 10))); world.ticks += p.n; sim.trace.emit('ticker', 'tick'); } })(), 'ticker');
    return world;
  },
  metrics: (w) => ({ ticks: w.ticks }),
  claims: [{ name: 'ticks', check: (m) => ({ pass: m.ticks > 0, detail: String(m.ticks) }) }],
  invariants: [{ name: 'up', kind: 'always', watch: (w) => ({ verdict: () => ({ pass: w.ticks >= 0, detail: '' }) }) }],
  faultSpace: { window: () => ({ fromMs: 0, toMs: 4000 }), maxFaults: 2, kinds: () => [{ name: 'crash', targets: ['server'], severities: [0], expand: (t, _s, at) => [{ at, target: t, kind: 'crash' }] }] },
  ${over}
});
`;
}

export const PROBE_ID = 'probe';
export const PROBE_PARAMS = { n: 'int 0..10', mode: ['fast', 'slow'], loud: 'boolean' } as const;
export const GOOD_FAULTS = [{ at: '1s', target: 'server', kind: 'crash' }, { at: 2000, target: 'net', kind: 'loss', params: { host: 'a', p: 0.5 } }];

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
/** Text of up to `max` printable characters (any of them: quotes, braces, non-ASCII). */
const text = (max = 20) => fc.string({ maxLength: max, unit: fc.oneof(fc.constant('x'), fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom('"', '{', '[', ']', '}', '\\', ',', ':', 'é', '\u2028')) });
/** A string that is none of `valid`. */
const otherThan = (valid: readonly string[], max = 20) => fc.oneof(text(max), pick('', ' ', '__proto__', 'constructor', 'toString', 'x'.repeat(200))).filter((s) => !valid.includes(s));

/** JSON text that nests `depth` levels. */
function nested(depth: number, open: '[' | '{"a":'): string {
  return open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth);
}

// ---------------------------------------------------------------- faults files

/** What is wrong with one fault of the probe's, as a replacement of one of its fields. */
const badFaultField: fc.Arbitrary<Bad<Record<string, unknown>>> = fc.oneof(
  pick<unknown>(-1, 'soon', '-5s', '5 s', '1e3', '', true, null, [], {}, 1e13, '9000000001s', '3 days').map((at) => ({ why: `"at" ${JSON.stringify(at)}`, value: { at } })),
  otherThan(['server', 'net']).map((target) => ({ why: `unknown target ${JSON.stringify(target)}`, value: { target } })),
  pick<unknown>(5, null, {}, []).map((target) => ({ why: `target ${JSON.stringify(target)}`, value: { target } })),
  otherThan(['crash']).map((kind) => ({ why: `server has no kind ${JSON.stringify(kind)}`, value: { kind } })),
  pick<unknown>(-1, 'soon', true, null, {}, [], 1e400).map((v) => ({ why: `restartAfterMs ${JSON.stringify(v)}`, value: { params: { restartAfterMs: v } } })),
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== 'restartAfterMs').map((k) => ({ why: `params key ${JSON.stringify(k)} crash does not take`, value: { params: { [k]: 1 } } })),
  pick<unknown>(5, 'x', [], [1], true).map((params) => ({ why: `params ${JSON.stringify(params)}`, value: { params } })),
  pick('when', 'params2', 'Target').map((k) => ({ why: `a fault key "${k}" that is not one`, value: { [k]: 1 } })),
);

const badLoss: fc.Arbitrary<Bad<Record<string, unknown>>> = fc.oneof(
  otherThan(['a', 'b']).map((host) => ({ why: `loss of unknown host ${JSON.stringify(host)}`, value: { params: { host } } })),
  pick<unknown>(2, -0.1, '0.5', null, 1e400).map((p) => ({ why: `loss p ${JSON.stringify(p)}`, value: { params: { host: 'b', p } } })),
  fc.constant({ why: 'loss without its required host', value: { params: { p: 0.1 } } }),
);

/** A list of good faults with one broken, at any place, maybe far after the run ends (it must be refused all the same). */
const oneBadFault: fc.Arbitrary<Bad> = fc.tuple(fc.oneof(badFaultField.map((b) => ({ ...b, base: GOOD_FAULTS[0]! })), badLoss.map((b) => ({ ...b, base: GOOD_FAULTS[1]! }))), fc.nat(3), fc.boolean(), fc.boolean(), fc.nat(2))
  .map(([bad, where, late, wrapped, drop]) => {
    const fault: Record<string, unknown> = { ...bad.base, ...(late && !('at' in bad.value) ? { at: '2h' } : {}), ...bad.value };
    if (bad.value.params !== undefined && typeof bad.value.params === 'object' && bad.value.params !== null && !Array.isArray(bad.value.params) && 'params' in bad.base) {
      fault.params = { ...bad.base.params, ...bad.value.params };
      if (bad.why.includes('without its required host')) delete (fault.params as Record<string, unknown>).host;
    }
    const list = [...GOOD_FAULTS.slice(0, where % 3), fault, ...GOOD_FAULTS.slice(0, drop)];
    return { why: `fault #${(where % 3) + 1}: ${bad.why}${late ? ', at 2h' : ''}`, value: JSON.stringify(wrapped ? { faults: list } : list) };
  });

/** JSON that parses, but to something that is not a faults file. */
const notAFaultsFile: fc.Arbitrary<Bad> = fc.oneof(
  pick('null', '42', '"faults"', 'true', '{}', '{"faults": 5}', '{"fault": []}', '{"faults": [], "extra": 1}', '[[]]', '[1]', '[null]', '{"faults": {}}', '{"__proto__": []}').map((t) => ({ why: `not a faults file: ${t}`, value: t })),
  fc.jsonValue({ maxDepth: 3 }).filter((v) => !Array.isArray(v) && !(typeof v === 'object' && v !== null && 'faults' in v && Array.isArray((v as { faults: unknown }).faults) && (v as { faults: unknown[] }).faults.length === 0 && Object.keys(v).length === 1)).map((v) => ({ why: `a JSON ${typeof v}, not a faults file`, value: JSON.stringify(v) })),
);

/** Text that is not JSON: cut short, garbage, nested too deep, a megabyte on one line. */
function brokenJson(valid: string): fc.Arbitrary<Bad> {
  return fc.oneof(
    fc.nat(valid.length - 1).map((n) => ({ why: `JSON cut off after ${n} characters`, value: valid.slice(0, n) })),
    text(60).filter((t) => { try { JSON.parse(t); return false; } catch { return true; } }).map((t) => ({ why: 'not JSON', value: t })),
    fc.tuple(fc.integer({ min: 65, max: 30_000 }), pick<'[' | '{"a":'>('[', '{"a":')).map(([d, open]) => ({ why: `nested ${d} deep`, value: nested(d, open) })),
    fc.constant({ why: 'a megabyte of one unknown target', value: JSON.stringify([{ at: '1s', target: 'x'.repeat(1 << 20), kind: 'crash' }]) }),
  );
}

export const badFaultsFile: fc.Arbitrary<Bad> = fc.oneof({ weight: 3, arbitrary: oneBadFault }, { weight: 1, arbitrary: notAFaultsFile }, { weight: 1, arbitrary: brokenJson(JSON.stringify(GOOD_FAULTS)) });

/** Faults files that are bad for scenario-a, the built-in the reports used: unknown hosts, ranges, params a kind does not take. */
export const badScenarioAFaults: fc.Arbitrary<Bad> = fc.oneof(
  fc.tuple(pick('isolate', 'latency', 'loss'), otherThan(['pg-0', 'pg-1', 'pg-2', 'etcd', 'app'])).map(([kind, host]) => ({ why: `network ${kind} of unknown host ${JSON.stringify(host)}`, value: [{ at: '30s', target: 'network', kind, params: { host } }] })),
  otherThan(['pg-0', 'pg-1', 'pg-2', 'etcd', 'app']).map((h) => ({ why: `partition naming ${JSON.stringify(h)}`, value: [{ at: '30s', target: 'network', kind: 'partition', params: { groups: [['pg-0'], [h]] } }] })),
  pick<unknown>(2, -1, '0.1').map((p) => ({ why: `loss p ${JSON.stringify(p)}`, value: [{ at: '30s', target: 'network', kind: 'loss', params: { host: 'pg-1', p } }] })),
  pick<unknown>('soon', -5, null).map((v) => ({ why: `node-crash recoverAfterMs ${JSON.stringify(v)}`, value: [{ at: '900s', target: 'pg-0', kind: 'node-crash', params: { recoverAfterMs: v } }] })),
  fc.constant({ why: 'crash with a param it does not take', value: [{ at: '30s', target: 'pg-0', kind: 'crash', params: { restartAfterMs: 5 } }] }),
).map((b) => ({ why: b.why, value: JSON.stringify(b.value) }));

// ---------------------------------------------------------------- run files

/** A record line of the probe's sweep with one field changed. */
function recordWith(line: string, change: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(line) as Record<string, unknown>), ...change });
}

/** True for a line `--resume` may drop as the cut-off end of one of the probe's own records (cut-record.ts). */
function cutOfProbe(t: string): boolean {
  const head = `{"scenario":"${PROBE_ID}","index":`;
  return t.length > 0 && (t.startsWith(head) || head.startsWith(t));
}

/**
 * Files that are not a run file of the probe's sweep (seeds 1.., default
 * params) made from `runFile` (three good records): another sweep's records,
 * broken records, other files altogether.
 */
export function badRunFile(runFile: string): fc.Arbitrary<Bad> {
  const good = runFile.trimEnd().split('\n');
  const changed: fc.Arbitrary<Bad<Record<string, unknown>>> = fc.oneof(
    otherThan([PROBE_ID]).filter((s) => s !== '').map((scenario) => ({ why: `a record of scenario ${JSON.stringify(scenario)}`, value: { scenario } })),
    pick<unknown>(7, -1, 1.5, '1', null).map((seed) => ({ why: `seed ${JSON.stringify(seed)}`, value: { seed } })),
    pick<unknown>(-1, 0.5, 99, '0').map((index) => ({ why: `index ${JSON.stringify(index)}`, value: { index } })),
    pick<unknown>({ n: 2, mode: 'fast', loud: false }, {}, null, { n: 1, mode: 'fast', loud: false, extra: 1 }).map((params) => ({ why: `params ${JSON.stringify(params)}`, value: { params } })),
    pick<unknown>('xyz', '', 5, '0123456789ABCDEF').map((digest) => ({ why: `digest ${JSON.stringify(digest)}`, value: { digest } })),
    pick<unknown>({ ticks: 'many' }, null, [], { ticks: {} }).map((metrics) => ({ why: `metrics ${JSON.stringify(metrics)}`, value: { metrics } })),
    pick<unknown>(null, [{ name: 'ticks' }], [{ name: 'ticks', pass: 'yes' }]).map((claims) => ({ why: `claims ${JSON.stringify(claims)}`, value: { claims } })),
    pick('extra', '__proto__', 'Scenario').map((k) => ({ why: `a key "${k}" a record does not have`, value: { [k]: 1 } })),
  );
  const notRecord = (t: string) => !cutOfProbe(t) && t.trim() !== '';
  return fc.oneof(
    // The report: a one-line JSON config, no newline at the end.
    fc.tuple(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), fc.boolean()).map(([o, nl]) => ({ why: `a one-line JSON config${nl ? '' : ' without a final newline'}`, value: JSON.stringify(o) + (nl ? '\n' : '') })).filter((b) => notRecord(b.value.trimEnd())),
    fc.tuple(fc.array(text(40).filter((t) => !t.includes('\n') && !t.includes('\r')), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([ls, nl]) => ({ why: 'lines of text', value: ls.join('\n') + (nl ? '\n' : '') })).filter((b) => b.value.split('\n').every((l) => l === '' || notRecord(l)) && b.value.trim() !== ''),
    // Another sweep's records (or broken ones) first, a good record after: refused before a byte is written.
    fc.tuple(changed, fc.nat(2), fc.boolean()).map(([c, i, nl]) => ({ why: `line ${i + 1}: ${c.why}`, value: [...good.slice(0, i), recordWith(good[i]!, c.value), ...good.slice(i + 1)].join('\n') + (nl ? '\n' : '') })),
    fc.nat(2).map((i) => ({ why: `run ${i} twice`, value: [...good, good[i]!].join('\n') + '\n' })),
    fc.tuple(fc.nat(2), fc.integer({ min: 65, max: 30_000 })).map(([i, d]) => ({ why: `line ${i + 1} nested ${d} deep`, value: [...good.slice(0, i), `{"scenario":"x","params":${nested(d, '{"a":')}}`, ...good.slice(i + 1)].join('\n') + '\n' })),
    // A cut-off last line that is not the start of one of this sweep's records.
    fc.tuple(otherThan([PROBE_ID]).filter((s) => s !== ''), fc.nat(80)).map(([s, n]) => {
      const line = recordWith(good[0]!, { scenario: s });
      const cut = line.slice(0, Math.min(line.length - 1, `{"scenario":${JSON.stringify(s)}`.length + n));
      return { why: `a good record, then a cut-off record of scenario ${JSON.stringify(s)}`, value: `${good[0]!}\n${cut}` };
    }),
    fc.constant({ why: 'a megabyte line', value: `${JSON.stringify({ scenario: 'x'.repeat(1 << 20) })}\n` }),
  );
}

// ---------------------------------------------------------------- scenario modules

/** A scenario module and its file name. */
export interface Module {
  readonly name: string;
  readonly text: string;
}

/**
 * When a part of a scenario is used: as it loads, when it is built (`sim
 * help faults` builds it), when it runs, and only when its run length
 * (not given by --until) or its own default faults (not given by a faults
 * file or a report) are asked for.
 */
export type Stage = 'load' | 'build' | 'run' | 'length' | 'schedule';
const part = (stage: Stage, field: string, values: readonly string[], line: (v: string) => string, why: (v: string) => string = (v) => `${field} ${v}`) =>
  pick(...values).map((v) => ({ why: why(v), value: line(v), stage }));

/** One part of the probe replaced by a wrong one. */
const badParts: fc.Arbitrary<Bad & { stage: Stage }> = fc.oneof(
  part('length', 'durationMs', ['NaN', '-5', 'Infinity', '"10s"', 'null', '1e13', 'undefined', '9e12 + 1'], (v) => `durationMs: () => ${v},`),
  part('length', 'durationMs', ['() => { throw new Error("no length"); }', '() => { throw "no length"; }'], (v) => `durationMs: ${v},`),
  part('schedule', 'faults()', ['"none"', 'null', '[{}]', '[{ at: "soon", target: "server", kind: "crash" }]', '[{ at: "1s", target: "nope", kind: "crash" }]', '[{ at: "1s", target: "server", kind: "explode" }]',
    '[{ at: "1s", target: "server", kind: "crash", params: { restartAfterMs: -1 } }]', '[{ at: "9h", target: "net", kind: "loss", params: { host: "c" } }]', '[{ at: 1e13, target: "server", kind: "crash" }]'], (v) => `faults: () => ${v},`),
  part('run', 'metrics()', ['undefined', '"x"', '({ ticks: "many" })', '[]', '({ ticks: null })', '({ ticks: 1n })'], (v) => `metrics: () => ${v},`),
  part('run', 'a claim returning', ['undefined', '({ pass: "yes" })', 'null', '42', '({ pass: true, detail: 5 })'], (v) => `claims: [{ name: 'c', check: () => ${v} }],`),
  part('run', 'a claim that does', ['{ throw new RangeError("claim blew up"); }', '{ throw undefined; }'], (v) => `claims: [{ name: 'c', check: () => ${v} }],`),
  part('load', 'claims', ['[{ name: "c" }]', '[null]', '[{ name: 5, check: () => ({ pass: true }) }]'], (v) => `claims: ${v},`),
  part('load', 'invariants', ['"all"', '[{ name: "i", kind: "sometimes", watch: () => ({}) }]'], (v) => `invariants: ${v},`),
  part('run', 'invariants', ['[{ name: "i", kind: "always", watch: () => null }]', '[{ name: "i", kind: "always", watch: () => ({ verdict: () => undefined }) }]'], (v) => `invariants: ${v},`),
  part('load', 'params', ['{ n: 1 }', 'z.string()'], (v) => `params: ${v},`),
  part('build', 'params', ['z.object({ n: z.number() })'], (v) => `params: ${v},`),
  part('load', 'id', ['""', '5'], (v) => `id: ${v},`),
  fc.constantFrom<[Stage, string, string]>(
    ['build', 'throws an Error', 'throw new Error("build broke")'], ['build', 'dereferences null', 'null.boom'], ['build', 'throws a string', 'throw "boom"'], ['build', 'throws null', 'throw null'],
    ['build', 'throws an object', 'throw { code: 42 }'], ['build', 'throws an Error without a stack', 'const e = new Error("no stack"); e.stack = undefined; throw e'],
    ['build', 'throws a multi-line message', 'throw new Error("one\\ntwo\\n    at fake (x.js:1:1)")'], ['build', 'schedules at NaN', 'sim.schedule(NaN, () => {})'],
    ['build', 'a fault whose params schema is 42', 'sim.faults.on("server", "crash", () => {}, 42)'],
    ['run', 'schedules a non-function', 'sim.schedule(10, 42)'], ['run', 'sleeps -1 in a process', 'sim.process((function* p() { yield sim.sleep(-1); })(), "p")'],
    ['run', 'loops at one instant', 'sim.schedule(10, function spin() { sim.schedule(0, spin); })'], ['run', 'a process that throws later', 'sim.process((function* p() { yield sim.sleep(2000); throw new TypeError("late"); })(), "late")'],
    ['run', 'a process that yields nothing', 'sim.process((function* p() { yield; })(), "bare")'], ['run', 'a process that yields a string', 'sim.process((function* p() { yield "1s"; })(), "text")'],
    ['run', 'a process that yields null', 'sim.process((function* p() { yield null; })(), "null")'],
  ).map(([stage, why, code]) => ({ why: `build ${why}`, value: `build(sim) { sim.faults.on('server', 'crash', () => {}); ${code}; return { ticks: 0 }; },`, stage })),
);

/** A fault space that is wrong: only `sim check` reads it. */
export const badFaultSpace: fc.Arbitrary<Bad> = pick(
  '"all"', '{ window: () => ({ fromMs: NaN, toMs: 1 }), maxFaults: 2, kinds: () => [] }', '{ window: () => ({ fromMs: 0, toMs: 10 }), maxFaults: 2, kinds: () => "crash" }',
  '{ window: () => ({ fromMs: 0, toMs: 10 }), maxFaults: -1, kinds: () => [{ name: "crash", targets: ["server"], severities: [0], expand: (t, s, at) => [{ at, target: t, kind: "crash" }] }] }',
  '{ window: () => ({ fromMs: 0, toMs: 10 }), maxFaults: 2, kinds: () => [{ name: "crash", targets: ["nope"], severities: [0], expand: (t, s, at) => [{ at, target: t, kind: "crash" }] }] }',
  '{ window: () => ({ fromMs: 0, toMs: 10 }), maxFaults: 2, kinds: () => [{ name: "crash", targets: ["server"], severities: [0], expand: () => "x" }] }',
  '{ window: () => ({ fromMs: 0, toMs: 10 }), maxFaults: 2, kinds: () => [{ name: "crash", targets: [], severities: [], expand: () => [] }] }',
).map((v) => ({ why: `faultSpace ${v}`, value: `faultSpace: ${v},` }));

/** Modules that are not a scenario at all, or do not load. */
const notAModule: fc.Arbitrary<Bad<Module>> = fc.oneof(
  fc.nat(2000).map((n) => ({ why: `the module cut off after ${n} characters`, value: { name: 'cut.mjs', text: probeModule().slice(0, Math.min(n, probeModule().length - 5)) } })),
  text(40).map((t) => ({ why: 'a module of garbage', value: { name: 'garbage.ts', text: t } })),
  fc.constantFrom<[string, string, string]>(
    ['a syntax error', 'syntax.ts', 'export default {{ oops\n'],
    ['CommonJS in .js', 'cjs.js', "const { defineScenario } = require('failsim');\nmodule.exports = {};\n"],
    ['CommonJS in .cjs', 'cjs.cjs', 'module.exports = { id: "x" };\n'],
    ['a top-level throw', 'top.mjs', 'throw new Error("top-level failure");\n'],
    ['a top-level throw of a string', 'top-string.mjs', 'throw "top-level string";\n'],
    ['a top-level await that rejects', 'await.mjs', 'await Promise.reject(new Error("not today"));\nexport default {};\n'],
    ['an import that does not resolve', 'missing.mjs', 'import "./does-not-exist.mjs";\nexport default {};\n'],
    ['an import of a failsim path that is not exported', 'subpath.mjs', 'import "failsim/nope";\nexport default {};\n'],
    ['a package that is not installed', 'pkg.ts', 'import x from "left-pad-not-here";\nexport default x;\n'],
    ['no scenario export', 'none.mjs', 'export const answer = 42;\n'],
    ['a default export of null', 'null.mjs', 'export default null;\n'],
    ['a default export that is a function', 'fn.mjs', 'export default function scenario() {}\n'],
    ['half a scenario', 'half.mjs', 'export default { id: "x", title: "half a scenario" };\n'],
    ['an empty file', 'empty.ts', ''],
    ['a JSON file', 'data.json', '{"id": "x"}\n'],
  ).map(([why, name, t]) => ({ why, value: { name, text: t } })),
);

/** A scenario module that is bad for a known reason, in a part a command that goes as far as `stages` uses. */
export function badModule(stages: readonly Stage[]): fc.Arbitrary<Bad<Module>> {
  const parts = badParts.filter((b) => stages.includes(b.stage));
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(parts, pick('.mjs', '.ts', '.mts')).map(([b, ext]) => ({ why: b.why, value: { name: `bad${ext}`, text: probeModule(b.value) } })) },
    { weight: 2, arbitrary: notAModule },
  );
}
