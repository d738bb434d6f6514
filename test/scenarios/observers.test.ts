import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import type { AnyScenario } from '../../src/scenario/scenario.js';
import { defineSystem, type SystemSpec } from '../../src/scenario/system.js';
import { scenarioA } from '../../scenarios/patroni-k8s/scenario-a.js';
import { patroniK8s } from '../../scenarios/patroni-k8s/system.js';
import { fluxKafkaDown } from '../../scenarios/flux-gate/kafka-down.js';
import { fluxGate } from '../../scenarios/flux-gate/system.js';

/** The scenario's system with no measurement at all (build only), and the scenario's faults. */
function unobserved(system: { readonly spec: SystemSpec<any, any, any, any> }, scenario: AnyScenario): AnyScenario {
  const { panes: _p, series: _s, ...spec } = system.spec;
  const bare = defineSystem({ ...spec, observe: () => ({}), metrics: () => ({}), metricInfo: {}, invariants: [] });
  return bare.scenario({ id: scenario.id, title: scenario.title, source: '', faults: scenario.faults, claims: [] });
}

/**
 * Observers only read: trace sinks, hooks and samplers emit nothing and
 * draw nothing, so a run without them has the same trace. Flux's peak-lag
 * sampler is an event of its own (every 500 ms), so only its event count
 * differs, by exactly the samples.
 */
describe('measurement stays out of the run', () => {
  it('scenario-a: the same digest, events and records with and without its observers', () => {
    const a = runScenario(scenarioA, { seed: 3, untilMs: 75_000 });
    const b = runScenario(unobserved(patroniK8s, scenarioA), { seed: 3, untilMs: 75_000 });
    expect([b.digest, b.events, b.traceRecords]).toEqual([a.digest, a.events, a.traceRecords]);
  });

  it('flux-kafka-down: the same digest and records; events differ by the lag samples alone', () => {
    const a = runScenario(fluxKafkaDown, { seed: 3, untilMs: 60_000 });
    const b = runScenario(unobserved(fluxGate, fluxKafkaDown), { seed: 3, untilMs: 60_000 });
    expect([b.digest, b.traceRecords]).toEqual([a.digest, a.traceRecords]);
    expect(a.events - b.events).toBe(60_000 / 500);
  });
});
