import { describe, expect, it } from 'vitest';
import { runCheck, type CheckOutcome } from '../../src/check/check-loop.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { faultsFromJson } from '../../src/scenario/fault-spec.js';
import type { AnyScenario } from '../../src/scenario/scenario.js';
import { resolveParams } from '../../src/scenario/settings.js';
import { scenarioA } from '../../scenarios/patroni-k8s/scenario-a.js';
import { fluxWorkerCrash } from '../../scenarios/flux-gate/worker-crash.js';

/**
 * Bounded checks of the real scenarios. Scenario A is shortened (45 s, no
 * read load, as in scenario-a.test.ts): faults fall between 4.5 s and 22.5 s,
 * the failover mechanism is the default run's.
 */
const quickA = { durationMs: 45_000, readRatePerS: 0, writeRatePerS: 100 };
const SEED = 1;

function check(scenario: AnyScenario, params: Record<string, unknown>, runs: number): CheckOutcome {
  return runCheck(scenario, runScenario, resolveParams(scenario.params, params), { runs, seed: SEED, maxFaults: scenario.faultSpace!.maxFaults, params });
}

/** What `sim run --seed S --faults FILE` gives for a counterexample: its faults through the JSON file format. */
function replay(scenario: AnyScenario, params: Record<string, unknown>, out: CheckOutcome) {
  const cx = out.counterexample!;
  return runScenario(scenario, { seed: cx.seed, params, faults: faultsFromJson(JSON.parse(JSON.stringify({ faults: cx.faults }))) });
}

const fired = (out: CheckOutcome) => Object.fromEntries(out.coverage.faultKinds().map((k) => [k.name, k.runs]));

describe('sim check on scenario-a', () => {
  it('asynchronous replication: finds acknowledged-write loss, shrinks it to at most 2 faults, and the replay reproduces it', () => {
    const params = { ...quickA, replication: 'asynchronous' };
    const out = check(scenarioA, params, 40);
    const where = `fast-check seed ${SEED}, scenario-a ${JSON.stringify(params)}`;
    expect(out.counterexample, where).not.toBeNull();
    const cx = out.counterexample!;
    expect(cx.violated.map((v) => v.name), where).toContain('no acknowledged write lost');
    expect(cx.size, `${where}: ${JSON.stringify(cx.faults)}`).toBeLessThanOrEqual(2);
    expect(cx.size).toBeLessThanOrEqual(out.firstFailure!.size);
    expect(cx.faults.some((f) => f.target === 'pg-0' || (f.params as { host?: string } | undefined)?.host === 'pg-0'), 'the primary is hit').toBe(true);
    const again = replay(scenarioA, params, out);
    expect(again.digest).toBe(cx.result.digest);
    expect(again.invariants.filter((i) => !i.pass).map((i) => i.name)).toEqual(cx.violated.map((v) => v.name));
    expect(again.metrics.ackedWritesLost).toBeGreaterThan(0);
  });

  it('synchronous replication: nothing found in a bounded run, and crash and partition faults did fire', () => {
    const out = check(scenarioA, { ...quickA, replication: 'sync' }, 30);
    expect(out.counterexample, `fast-check seed ${SEED}: ${JSON.stringify(out.counterexample?.faults)}`).toBeNull();
    expect(out.runs).toBe(30);
    const kinds = fired(out);
    expect(kinds['crash']).toBeGreaterThan(0);
    expect(kinds['partition']).toBeGreaterThan(0);
    expect(kinds['node-crash']).toBeGreaterThan(0);
    const paths = Object.fromEntries(out.coverage.paths().map((p) => [p.name, p.runs]));
    expect(paths['a node was promoted to primary'], 'failovers happened').toBeGreaterThan(0);
  });
});

describe('sim check on flux-worker-crash', () => {
  it('commit before processing: a worker crash loses an accepted order, shrunk to one crash, replayed exactly', () => {
    const params = { commitMode: 'before' };
    const out = check(fluxWorkerCrash, params, 200);
    expect(out.counterexample, `fast-check seed ${SEED}, flux-worker-crash commitMode=before`).not.toBeNull();
    const cx = out.counterexample!;
    expect(cx.violated.map((v) => v.name)).toContain('no accepted order lost');
    expect(cx.size).toBe(1);
    expect(cx.faults[0]!.kind).toBe('crash');
    expect(replay(fluxWorkerCrash, params, out).digest).toBe(cx.result.digest);
  });

  it('commit after processing: nothing found, every run crashed a worker and forced a rebalance', () => {
    const out = check(fluxWorkerCrash, { commitMode: 'after' }, 60);
    expect(out.counterexample, `fast-check seed ${SEED}: ${JSON.stringify(out.counterexample?.faults)}`).toBeNull();
    expect(fired(out)).toEqual({ crash: 60 });
    expect(out.coverage.paths().find((p) => p.name.startsWith('the consumer group rebalanced'))?.runs).toBe(60);
  });
});
