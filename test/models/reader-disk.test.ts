import { describe, expect, it } from 'vitest';
import { sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { filesToClean } from '../../models/disk/cleanup-rule.js';
import { Disk } from '../../models/disk/disk.js';
import { DiskMonitor } from '../../models/disk/disk-monitor.js';

describe('disk', () => {
  it('a write that does not fit fails with ENOSPC and changes nothing; a rewrite needs only its growth free', () => {
    const disk = new Disk(1000);
    disk.otherBytes = 900;
    expect(disk.write('cache/a', 60, 0)).toBe('ok');
    expect(disk.write('cache/b', 41, 0)).toBe('ENOSPC');
    expect(disk.write('cache/a', 100, 1)).toBe('ok'); // grows by 40 of the 40 free
    expect([disk.usedBytes, disk.freeBytes, disk.enospc, disk.fileCount]).toEqual([1000, 0, 1, 1]);
  });
});

describe("seed 003's cleanup: above 80 % remove the oldest 30 % of the cache entries", () => {
  it('80.0 % exactly does nothing; 88 % removes floor(11 × 0.3) = 3, the oldest three', () => {
    const disk = new Disk(1000);
    for (let k = 0; k < 10; k++) disk.write(`cache/f${k}`, 80, sec(k));
    expect(disk.usage).toBe(0.8);
    expect(filesToClean(disk.usage, disk.filesUnder('cache/'))).toEqual([]);
    disk.write('cache/f10', 80, sec(10));
    expect(filesToClean(disk.usage, disk.filesUnder('cache/')).map((f) => f.name)).toEqual(['cache/f0', 'cache/f1', 'cache/f2']);
  });

  it('on a timer: when others fill the disk, each check takes 30 % of what is left of the cache (3, 2, 1, 1) and the disk stays above 80 %', () => {
    const sim = new Simulation({ seed: 1 });
    const recs: TraceRecord[] = [];
    sim.trace.addSink({ record: (r) => recs.push(r) });
    const disk = new Disk(1000);
    for (let k = 0; k < 10; k++) disk.write(`cache/f${k}`, 10, sec(k));
    const monitor = new DiskMonitor(sim, 'disk', disk, (f) => disk.delete(f.name), { checkIntervalMs: 60_000 });
    sim.faults.schedule([{ at: sec(30), target: 'disk', kind: 'fill-disk', params: { bytes: 850 } }]);
    sim.run(sec(600));
    const cleanups = recs.filter((r) => r.kind === 'cleanup').map((r) => [r.t / 1e6, (r.data as { removed: number }).removed, (r.data as { usagePercent: number }).usagePercent]);
    expect(cleanups).toEqual([[60, 3, 95], [120, 2, 92], [180, 1, 90], [240, 1, 89]]);
    expect([disk.fileCount, disk.usedBytes, monitor.checks]).toEqual([3, 880, 10]);
    expect(disk.filesUnder('cache/').map((f) => f.name)).toEqual(['cache/f7', 'cache/f8', 'cache/f9']);
  });

  it('switched off, nothing is removed: the cache grows until its writes fail with ENOSPC', () => {
    const sim = new Simulation({ seed: 1 });
    const disk = new Disk(1000);
    const monitor = new DiskMonitor(sim, 'disk', disk, (f) => disk.delete(f.name), { enabled: false });
    for (let k = 0; k < 12; k++) sim.at(sec(60 * k), () => disk.write(`cache/f${k}`, 90, sim.now));
    sim.run(sec(3600));
    expect([monitor.checks, disk.fileCount, disk.enospc]).toEqual([0, 11, 1]);
  });
});
