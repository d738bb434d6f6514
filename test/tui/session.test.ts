import { describe, expect, it } from 'vitest';
import { sec } from '../../src/kernel/time.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { faultsFromJson } from '../../src/scenario/fault-spec.js';
import { Session } from '../../src/tui/session/session.js';
import { scenarioA } from '../../scenarios/patroni-k8s/scenario-a.js';
import { scenarios } from '../../scenarios/index.js';

/** Everything a person sees of a session at its current position. */
function view(s: Session) {
  return { now: s.now, events: s.events, digest: s.digest, panes: s.panes(), log: s.log, series: s.series, claims: s.claims() };
}

describe('TUI session', () => {
  it('carried to the end, it is the run `sim run` does (golden digest), although it was inspected on the way', () => {
    const s = new Session({ scenario: scenarioA, seed: 42 });
    for (let t = 5; t <= 180; t += 5) {
      s.advanceTo(sec(t));
      s.panes();
      s.claims();
    }
    expect(s.finished).toBe(true);
    expect(s.digest).toBe('88650c29947bcbf4');
    expect(s.claims().map((c) => c.pass)).toEqual(runScenario(scenarioA, { seed: 42 }).claims.map((c) => c.pass));
  });

  it('steps one event at a time', () => {
    const s = new Session({ scenario: scenarioA, seed: 42 });
    s.advanceTo(sec(10));
    const before = s.events;
    const next = (s as unknown as { run: { sim: { peek(): number } } }).run.sim.peek();
    expect(s.stepEvent()).toBe(true);
    expect(s.events).toBe(before + 1);
    expect(s.now).toBe(next);
  });

  it('a rewind shows exactly what a fresh run to that time shows', () => {
    const s = new Session({ scenario: scenarioA, seed: 42 });
    s.advanceTo(sec(95));
    s.stepEvent();
    s.seek(sec(80));
    const fresh = new Session({ scenario: scenarioA, seed: 42 });
    fresh.advanceTo(sec(80));
    expect(view(s)).toEqual(view(fresh));
    // The failover is under way at 80 s: the old leader's key has expired.
    const etcd = s.panes().find((p) => p.title === 'etcd')!;
    expect(etcd.rows[0]![1]).not.toBe('pg-0');
  });

  it('a live fault is replayed exactly by the faults file it writes', () => {
    const s = new Session({ scenario: scenarioA, seed: 7, params: { ttlMs: 20_000 } });
    s.advanceTo(sec(30));
    const fault = s.inject({ target: 'pg-1', kind: 'crash' });
    expect(fault.at).toBe(sec(30));
    expect(s.now).toBe(sec(30));
    expect(s.log.some((e) => e.text === 'fault injected: crash pg-1')).toBe(true);
    s.advanceTo(sec(180));
    const file = JSON.parse(JSON.stringify(s.faultsFile()));
    expect(file).toEqual([
      { at: 30_000, target: 'pg-1', kind: 'crash' },
      { at: 60_000, target: 'pg-0', kind: 'node-crash', params: { recoverAfterMs: 60_000 } },
    ]);
    const replay = runScenario(scenarioA, { seed: 7, params: { ttlMs: 20_000 }, faults: faultsFromJson(file) });
    expect(replay.digest).toBe(s.digest);
    expect(replay.digest).not.toBe(runScenario(scenarioA, { seed: 7, params: { ttlMs: 20_000 } }).digest);
  });

  it('restart and a new seed drop live faults', () => {
    const s = new Session({ scenario: scenarioA, seed: 1 });
    s.advanceTo(sec(10));
    s.inject({ target: 'network', kind: 'isolate', params: { host: 'pg-2' } });
    expect(s.live).toHaveLength(1);
    s.restart(2);
    expect([s.seed, s.now, s.live.length]).toEqual([2, 0, 0]);
  });

  it('flux sessions end with the digest of `sim run` and show Redis, Kafka, workers and the database', () => {
    for (const scenario of scenarios.filter((s) => s.id.startsWith('flux-')).slice(0, 3)) {
      const s = new Session({ scenario, seed: 3 });
      s.advanceTo(sec(40));
      const titles = s.panes().map((p) => p.title.split(' ')[0]);
      expect(titles).toEqual(['Redis', 'Kafka', 'workers', 'PostgreSQL', 'API', 'buyers']);
      s.advanceTo(Infinity);
      expect(s.digest).toBe(runScenario(scenario, { seed: 3 }).digest);
      expect(s.series.map((x) => x.key)).toEqual(['errorRate', 'lag', 'persisted', 'redisMemory']);
      expect(s.series[0]!.v.length).toBe(Math.floor(s.endUs / 1e6) + 1);
    }
  });

  it('offers the faults the models subscribe to, network ones per host', () => {
    const s = new Session({ scenario: scenarioA, seed: 42 });
    const labels = s.faultChoices().map((c) => c.label);
    expect(labels).toContain('pg-0 node-crash');
    expect(labels).toContain('network isolate etcd');
    expect(labels).toContain('network heal');
  });
});
