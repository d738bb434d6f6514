/**
 * The programmatic side of issue 11, part A: runScenario checks a whole
 * schedule against the built models' fault catalogue (targets, kinds, params
 * schemas) and the run length before the run starts, as a typed BadFault /
 * BadInput; the helpers behind the CLI's limits do what they say.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/simulation.js';
import { MAX_RUN_MS } from '../../src/kernel/time.js';
import { BadFault } from '../../src/runner/bad-fault.js';
import { faultCatalogue } from '../../src/runner/fault-catalogue.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { jsonDepthProblem, MAX_JSON_DEPTH } from '../../src/scenario/json-depth.js';
import { defineScenario } from '../../src/scenario/scenario.js';
import { BadInput, parseSettings, resolveParams } from '../../src/scenario/settings.js';
import { errorLine } from '../../src/io/errors.js';
import { toFault } from '../../src/scenario/fault-spec.js';
import { scenarioA } from '../../scenarios/patroni-k8s/scenario-a.js';

/** A scenario with one target whose `stop` fault takes {afterMs >= 0}; its default schedule and length come from params. */
const toy = defineScenario({
  id: 'toy',
  title: 'toy',
  source: 'test',
  params: z.object({ stopAfterMs: z.number().default(5), lengthMs: z.number().default(1_000) }),
  durationMs: (p) => p.lengthMs,
  faults: (p) => [{ at: '1s', target: 'svc', kind: 'stop', params: { afterMs: p.stopAfterMs } }],
  build(sim) {
    const got: unknown[] = [];
    sim.faults.on('svc', 'stop', (f) => got.push(f.params), z.strictObject({ afterMs: z.number().nonnegative(), why: z.string().default('test') }));
    return { got };
  },
  metrics: () => ({}),
  claims: [],
});

function thrown(fn: () => unknown): unknown {
  try { fn(); } catch (e) { return e; }
  throw new Error('expected a throw');
}

describe('runScenario checks the whole schedule before the run starts', () => {
  it('names the fault and field of a params mistake, also for a fault after the horizon', () => {
    const faults = [{ at: '10s', target: 'pg-1', kind: 'crash' }, { at: '900s', target: 'pg-0', kind: 'node-crash', params: { recoverAfterMs: 'soon' } }].map(toFault);
    const e = thrown(() => runScenario(scenarioA, { seed: 1, faults, untilMs: 60_000 }));
    expect(e).toBeInstanceOf(BadFault);
    expect(e).toBeInstanceOf(BadInput);
    expect(e).toMatchObject({ index: 1, field: 'params.recoverAfterMs', message: expect.stringMatching(/^faults: fault #2: pg-0 node-crash: params.recoverAfterMs: /) });
  });

  it('checks hosts against the network as built, and names the scenario for its own default schedule', () => {
    const isolate = [toFault({ at: 5, target: 'network', kind: 'isolate', params: { host: 'pg-3' } })];
    expect(thrown(() => runScenario(scenarioA, { seed: 1, faults: isolate }))).toMatchObject({ index: 0, field: 'params.host' });
    expect(() => runScenario(scenarioA, { seed: 1, faults: isolate, params: { members: 4 }, untilMs: 1 })).not.toThrow();
    const never = [{ at: (MAX_RUN_MS + 1) * 1000, target: 'pg-0', kind: 'crash' }];
    expect(thrown(() => runScenario(scenarioA, { seed: 1, faults: never }))).toMatchObject({ index: 0, field: 'at' });
    expect(thrown(() => runScenario(toy, { seed: 1, params: { stopAfterMs: -1 } }))).toMatchObject({
      message: expect.stringMatching(/^scenario "toy": default faults: fault #1: svc stop: params.afterMs: Too small/),
    });
  });

  it('hands the handler the parsed params (defaults filled in) and leaves the trace as written', () => {
    const r = runScenario(toy, { seed: 1 });
    expect(r.faults).toEqual([{ at: 1000, target: 'svc', kind: 'stop', params: { afterMs: 5 } }]);
    const sim = new Simulation({ seed: 1 });
    const { got } = toy.build(sim, { stopAfterMs: 5, lengthMs: 1000 });
    sim.faults.inject({ at: 0, target: 'svc', kind: 'stop', params: { afterMs: 2 } });
    expect(got).toEqual([{ afterMs: 2, why: 'test' }]);
  });

  it('refuses a run length that is not a number from 0 to MAX_RUN_MS, from either side', () => {
    expect(MAX_RUN_MS * 1000).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(thrown(() => runScenario(toy, { seed: 1, untilMs: MAX_RUN_MS + 1 }))).toMatchObject({ name: 'BadInput', message: expect.stringMatching(/^untilMs 9000000000001: expected a run length/) });
    expect(thrown(() => runScenario(toy, { seed: 1, params: { lengthMs: -1 } }))).toMatchObject({ message: expect.stringMatching(/^scenario "toy": durationMs -1: expected a run length/) });
    expect(thrown(() => runScenario(toy, { seed: 1, params: { lengthMs: 1e20 } }))).toBeInstanceOf(BadInput);
  });
});

describe('the fault catalogue', () => {
  it('lists every target and kind of the built scenario with its params schema', () => {
    const entries = faultCatalogue(scenarioA, { members: 2 });
    expect([...new Set(entries.map((e) => e.target))]).toEqual(['etcd', 'network', 'pg-0', 'pg-1']);
    expect(entries.filter((e) => e.params === undefined)).toEqual([]);
    const nodeCrash = entries.find((e) => e.target === 'pg-0' && e.kind === 'node-crash')!;
    expect(nodeCrash.params!.safeParse({ recoverAfterMs: 'soon' }).success).toBe(false);
    expect(nodeCrash.params!.safeParse({ recoverAfterMs: 30_000 }).success).toBe(true);
  });
});

describe('parameters are the schema\'s own keys only', () => {
  const schema = z.object({ ttlMs: z.number().default(1) });
  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])('--set %s=1 is unknown', (key) => {
    expect(() => parseSettings(schema, [`${key}=1`])).toThrow(`unknown parameter "${key}" (valid: ttlMs)`);
  });
  it('resolveParams refuses a key zod would drop, even "__proto__" from JSON', () => {
    expect(() => resolveParams(schema, JSON.parse('{"__proto__": 1}'))).toThrow('unknown parameter "__proto__"');
    expect(() => resolveParams(schema, { ttlMS: 5 })).toThrow('unknown parameter "ttlMS" (valid: ttlMs)');
    expect(resolveParams(schema, { ttlMs: 5 })).toEqual({ ttlMs: 5 });
  });
});

describe('limits on what a user hands in', () => {
  it('measures JSON depth on the text, outside strings, without recursion', () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(jsonDepthProblem(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonDepthProblem(nest(MAX_JSON_DEPTH + 1))).toBe(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    expect(jsonDepthProblem(nest(1_000_000))).not.toBeNull();
    expect(jsonDepthProblem(JSON.stringify({ s: '['.repeat(1000), t: 'a\\"[[[' }))).toBeNull();
  });

  it('cuts each quoted input to 80 characters and the whole line to 1000', () => {
    const long = 'y'.repeat(5000);
    expect(errorLine(`--set "${long}": expected key=value`)).toBe(`--set "${'y'.repeat(79)}…": expected key=value`);
    expect(errorLine(`file "a.json": fault #1: expected one of "p"|"q"`)).toBe(`file "a.json": fault #1: expected one of "p"|"q"`);
    expect(errorLine(`valid: ${long}`)).toHaveLength(1000);
  });
});
