import { describe, expect, it } from 'vitest';
import { FaultError, type Fault } from '../../src/kernel/faults.js';
import { Simulation } from '../../src/kernel/simulation.js';

function setup() {
  const sim = new Simulation({ seed: 1 });
  const got: string[] = [];
  const lines: string[] = [];
  sim.trace.addSink({ record: (_r, line) => { lines.push(line); } });
  sim.faults.on('db1', 'crash', (f) => got.push(`${sim.now} crash ${f.target} at=${f.at}`));
  sim.faults.on('db1', 'partition', (f) => got.push(`${sim.now} partition ${JSON.stringify(f.params)}`));
  sim.faults.on('etcd', 'stop', () => got.push(`${sim.now} etcd stop`));
  return { sim, got, lines };
}

describe('FaultInjector', () => {
  it('delivers scheduled faults at their times and traces each one', () => {
    const { sim, got, lines } = setup();
    sim.faults.schedule([
      { at: 30, target: 'etcd', kind: 'stop' },
      { at: 10, target: 'db1', kind: 'crash' },
      { at: 10, target: 'db1', kind: 'partition', params: { ms: 5 } },
    ]);
    sim.run();
    expect(got).toEqual(['10 crash db1 at=10', '10 partition {"ms":5}', '30 etcd stop']);
    expect(sim.faults.injected.map((f) => `${f.at}:${f.kind}`)).toEqual(['10:crash', '10:partition', '30:stop']);
    expect(lines.map((l) => JSON.parse(l) as { t: number; source: string; kind: string })).toEqual([
      { t: 10, source: 'fault', kind: 'crash', data: { target: 'db1', params: null } },
      { t: 10, source: 'fault', kind: 'partition', data: { target: 'db1', params: '{"ms":5}' } },
      { t: 30, source: 'fault', kind: 'stop', data: { target: 'etcd', params: null } },
    ]);
  });

  it('rejects an unknown target or kind before the run, naming what is valid', () => {
    const { sim } = setup();
    const bad: Fault[] = [{ at: 1, target: 'db1', kind: 'crash' }, { at: 2, target: 'db9', kind: 'crash' }];
    expect(() => sim.faults.schedule(bad)).toThrow(FaultError);
    expect(() => sim.faults.schedule(bad)).toThrow(/fault #2: unknown fault target "db9" \(valid: db1, etcd\)/);
    expect(() => sim.faults.schedule([{ at: 1, target: 'db1', kind: 'melt' }])).toThrow(/valid: crash, partition/);
    expect(sim.queue.live).toBe(0); // nothing was scheduled
    expect(sim.faults.catalogue()).toEqual([{ target: 'db1', kinds: ['crash', 'partition'] }, { target: 'etcd', kinds: ['stop'] }]);
  });

  it('a fault scheduled in the past is delivered now', () => {
    const { sim, got } = setup();
    sim.run(50);
    sim.faults.schedule([{ at: 5, target: 'db1', kind: 'crash' }]);
    sim.run();
    expect(got).toEqual(['50 crash db1 at=50']);
  });
});
