import { describe, expect, it } from 'vitest';
import { ms, Simulation, sec } from '../../src/kernel/index.js';
import { CfsCpu } from '../../models/k8s/cfs-cpu.js';
import { MetricsServer } from '../../models/k8s/metrics-server.js';

describe('metrics-server', () => {
  it('scrapes every 15 s; a pod scraped once has no metric; the CPU is the rate between the last two scrapes', () => {
    const sim = new Simulation({ seed: 1 });
    const cpu = new CfsCpu(sim, 'api-0', { limitMillicores: 500 });
    let memory = 100;
    const server = new MetricsServer(sim);
    server.register({ name: 'api-0', cpuUsageUsec: () => cpu.usageUsec, memoryWorkingSetBytes: () => memory });
    // 3 s of CPU at 16 s: 500m runs it at half a core, done at 22 s.
    sim.at(sec(16), () => cpu.run(sec(3), () => { memory = 200; }));
    const seen: (number | null)[][] = [];
    for (const t of [14, 15, 29, 30, 44, 45]) sim.at(sec(t) + 1, () => { const m = server.get('api-0'); seen.push([t, m ? m.cpuMillicores : null, m ? m.memoryBytes : null]); });
    sim.run(sec(46));
    expect(seen).toEqual([[14, null, null], [15, null, null], [29, null, null], [30, 200, 200], [44, 200, 200], [45, 0, 200]]);
    expect(server.get('api-0')).toEqual({ cpuMillicores: 0, memoryBytes: 200, timestampUs: sec(45), windowUs: sec(15) });
  });

  it('a restarted container (counter went back) or a stopped one has no metric until two fresh scrapes', () => {
    const sim = new Simulation({ seed: 1 });
    let usage = 0;
    let running = true;
    const server = new MetricsServer(sim, { metricResolutionMs: 15_000 });
    server.register({ name: 'p', cpuUsageUsec: () => (running ? usage : null), memoryWorkingSetBytes: () => (running ? 1 : null) });
    const grow = (): void => { usage += 250; sim.schedule(ms(1), grow); }; // 250m
    sim.schedule(0, grow);
    sim.at(sec(31), () => { usage = 0; });
    sim.at(sec(50), () => { running = false; });
    const at: Record<number, number | undefined> = {};
    for (const t of [30, 45, 60, 75, 90]) sim.at(sec(t) + 1, () => { at[t] = server.get('p')?.cpuMillicores; });
    sim.at(sec(61), () => { running = true; });
    sim.run(sec(91));
    server.stop();
    expect(at[30]).toBeCloseTo(250, 6);
    expect(at[45]).toBeUndefined(); // went backwards
    expect(at[60]).toBeUndefined(); // stopped
    expect(at[75]).toBeUndefined(); // first scrape after the restart
    expect(at[90]).toBeCloseTo(250, 6);
  });
});
