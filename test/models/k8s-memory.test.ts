import { describe, expect, it } from 'vitest';
import { Simulation, sec, type TraceRecord } from '../../src/kernel/index.js';
import { MemoryCgroup, memoryOver, memoryPercent, type OomKill } from '../../models/k8s/memory-cgroup.js';
import { Pod } from '../../models/k8s/pod.js';
import { Network } from '../../models/net/network.js';

const MI = 2 ** 20;

describe('memory cgroup', () => {
  it('512Mi limit: the 85 % alert fires at 435.2Mi; usage up to the limit is fine', () => {
    expect(memoryPercent(256 * MI, 512 * MI)).toBe(50);
    expect(memoryOver(435.2 * MI, 512 * MI, 85)).toBe(true);
    expect(memoryOver(435 * MI, 512 * MI, 85)).toBe(false);
    const sim = new Simulation({ seed: 1 });
    const cg = new MemoryCgroup(sim, 'api-0/app', { limitBytes: 512 * MI });
    expect(cg.charge(512 * MI)).toBe(true);
    expect(cg.percentOfLimit).toBe(100);
    expect(cg.oomKills).toBe(0);
  });

  it('a charge past the limit kills the whole container: exit 137, OOMKilled, usage back to 0, one trace record', () => {
    const sim = new Simulation({ seed: 1 });
    const recs: TraceRecord[] = [];
    sim.trace.addSink({ record: (r) => { recs.push(r); } });
    const cg = new MemoryCgroup(sim, 'api-0/app', { limitBytes: 512 * MI });
    const kills: OomKill[] = [];
    cg.onOomKill((k) => kills.push(k));
    cg.charge(400 * MI);
    cg.uncharge(100 * MI);
    expect(cg.charge(212 * MI)).toBe(true); // exactly the limit
    expect(cg.charge(1)).toBe(false);
    expect(kills).toEqual([{ exitCode: 137, reason: 'OOMKilled', usageBytes: 512 * MI + 1, limitBytes: 512 * MI }]);
    expect(cg.usageBytes).toBe(0);
    expect(recs.map((r) => [r.source, r.kind, r.data])).toEqual([['api-0/app', 'oom-kill', { usageBytes: 512 * MI + 1, limitBytes: 512 * MI, exitCode: 137, reason: 'OOMKilled' }]]);
  });

  it('a leak routed to the pod: OOMKilled, restarted by the kubelet after the crash-loop back-off (0, then 10 s)', () => {
    const sim = new Simulation({ seed: 1 });
    const recs: TraceRecord[] = [];
    sim.trace.addSink({ record: (r) => { recs.push(r); } });
    const pod = new Pod(sim, new Network(sim), 'api-0', { startupMs: 1_000, memoryLimited: true });
    const cg = new MemoryCgroup(sim, 'api-0/app', { limitBytes: 512 * MI, faults: false });
    cg.onOomKill(() => pod.crash('OOMKilled'));
    // Baseline 300Mi at each start, then a leak of 1Mi per second: OOM 213 s after each start.
    pod.onStart(() => {
      cg.charge(300 * MI);
      const leak = (): void => { if (pod.serving && cg.charge(MI)) sim.schedule(sec(1), leak); };
      sim.schedule(sec(1), leak);
    });
    cg.charge(300 * MI);
    const leak0 = (): void => { if (pod.serving && cg.charge(MI)) sim.schedule(sec(1), leak0); };
    sim.schedule(sec(1), leak0);
    sim.run(sec(500));
    const exits = recs.filter((r) => r.source === 'api-0' && r.kind === 'container-exit').map((r) => [r.t / 1e6, r.data]);
    expect(exits).toEqual([
      [213, { reason: 'OOMKilled', restartInMs: 0 }],
      [213 + 1 + 213, { reason: 'OOMKilled', restartInMs: 10_000 }],
    ]);
    expect(cg.oomKills).toBe(2);
  });

  it('the memory-charge fault allocates on the named cgroup', () => {
    const sim = new Simulation({ seed: 1 });
    const cg = new MemoryCgroup(sim, 'api-0/app', { limitBytes: 512 * MI });
    cg.charge(500 * MI);
    sim.faults.schedule([{ at: sec(5), target: 'api-0/app', kind: 'memory-charge', params: { bytes: 20 * MI } }]);
    sim.run(sec(10));
    expect(cg.oomKills).toBe(1);
  });
});
