import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Simulation } from '../../src/kernel/simulation.js';
import type { TraceRecord } from '../../src/kernel/trace.js';
import { overrideDefaults } from '../../src/scenario/param-defaults.js';
import { resolveParams } from '../../src/scenario/settings.js';
import { defineSystem, type SystemView } from '../../src/scenario/system.js';
import type { FaultSpace } from '../../src/scenario/fault-space.js';
import { runScenario } from '../../src/runner/run-scenario.js';

const params = z.object({
  rate: z.number().positive().default(5).describe('requests per second'),
  mode: z.enum(['a', 'b']).default('a'),
  untilMs: z.number().positive().default(1_000).describe('run length'),
});

describe('overrideDefaults', () => {
  it('changes only the named defaults, keeping key order and descriptions', () => {
    const next = overrideDefaults(params, { mode: 'b', rate: 7 });
    expect(Object.keys(next.shape)).toEqual(['rate', 'mode', 'untilMs']);
    expect(Object.keys(resolveParams(next, {}))).toEqual(['rate', 'mode', 'untilMs']);
    expect(resolveParams(next, {})).toEqual({ rate: 7, mode: 'b', untilMs: 1_000 });
    expect(next.shape.rate.description).toBe('requests per second');
    expect(next.shape.untilMs.description).toBe('run length');
    expect(next.shape.mode.description).toBeUndefined();
    expect(resolveParams(params, {})).toEqual({ rate: 5, mode: 'a', untilMs: 1_000 }); // the original is untouched
  });

  it('keeps each field\'s checks, and refuses a default the field would refuse', () => {
    const next = overrideDefaults(params, { rate: 7 });
    expect(next.safeParse({ rate: -1 }).success).toBe(false);
    expect(() => overrideDefaults(params, { rate: -1 })).toThrow(/rate=-1/);
    expect(() => overrideDefaults(params, { mode: 'c' as 'a' })).toThrow(/mode="c"/);
    expect(() => overrideDefaults(params, { nope: 1 } as never)).toThrow(/"nope": no such parameter/);
  });
});

interface World { count: number }
interface Observed { seen: number }
const space: FaultSpace = { window: () => ({ fromMs: 0, toMs: 10 }), maxFaults: 1, kinds: () => [] };

/** A system that counts ticks (build) and trace records (observe). */
const ticks = defineSystem({
  id: 'ticks',
  source: 'doc.txt',
  params,
  durationMs: (p) => p.untilMs,
  build(sim, p): World {
    const world = { count: 0 };
    const tick = () => { world.count++; sim.trace.emit('ticker', 'tick'); sim.schedule(Math.round(1e6 / p.rate), tick); };
    sim.schedule(0, tick);
    return world;
  },
  observe(_world, sim): Observed {
    const observed = { seen: 0 };
    sim.trace.addSink({ record: () => { observed.seen++; } });
    return observed;
  },
  metrics: (v: SystemView<World, Observed, z.output<typeof params>>) => ({ ticks: v.world.count, records: v.observed.seen }),
  metricInfo: { ticks: { label: 'Ticks', unit: 'count' }, records: { label: 'Records seen', unit: 'count' } },
  timeline: (rec: TraceRecord) => (rec.kind === 'tick' ? 'tick' : null),
  invariants: [{ name: 'ticks are all seen', kind: 'always', watch: (v) => ({ verdict: () => ({ pass: v.world.count === v.observed.seen, detail: `${v.observed.seen}` }) }) }],
  faultSpace: space,
});

describe('defineSystem: a scenario is a system plus faults and claims', () => {
  const base = { title: 'Ticks', source: 'Section 1', faults: () => [], claims: [{ name: 'ticked', check: (m: { ticks: number }) => ({ pass: m.ticks > 0, detail: '' }) }] };

  it('joins the sources, keeps the system\'s pieces, and leaves out what neither has', () => {
    const s = ticks.scenario({ id: 'ticks-1', ...base });
    expect(s.source).toBe('doc.txt, Section 1');
    expect(s.params).toBe(params);
    expect(s.faultSpace).toBe(space);
    expect(s.invariants?.map((i) => i.name)).toEqual(['ticks are all seen']);
    expect('description' in s).toBe(false);
    for (const key of ['notes', 'sometimes', 'inspect', 'series']) expect(key in s).toBe(false);
  });

  it('a scenario may replace the fault space or remove it, and change defaults', () => {
    const other: FaultSpace = { ...space, maxFaults: 2 };
    expect(ticks.scenario({ id: 'x', ...base, faultSpace: other }).faultSpace).toBe(other);
    expect('faultSpace' in ticks.scenario({ id: 'x', ...base, faultSpace: null })).toBe(false);
    const fast = ticks.scenario({ id: 'x', ...base, defaults: { rate: 10 } });
    expect(resolveParams(fast.params, {}).rate).toBe(10);
  });

  it('runs: build wires, observe measures, metrics and invariants see both', () => {
    const r = runScenario(ticks.scenario({ id: 'ticks-1', ...base }), { seed: 1 });
    // Ticks at 0, 200, ..., 1000 ms: the one at the end instant runs too.
    expect(r.metrics).toEqual({ ticks: 6, records: 6 });
    expect(r.invariants?.[0]?.pass).toBe(true);
    expect(r.timeline.filter((e) => e.text === 'tick')).toHaveLength(6);
  });

  it('build then observe, in that order, with the same world', () => {
    const s = ticks.scenario({ id: 'ticks-1', ...base });
    const sim = new Simulation({ seed: 1 });
    const built = s.build(sim, resolveParams(s.params, {}));
    expect(built.world).toEqual({ count: 0 });
    expect(built.observed).toEqual({ seen: 0 });
  });
});
