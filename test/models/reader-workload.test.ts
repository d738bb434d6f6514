import { describe, expect, it } from 'vitest';
import { sec, Simulation } from '../../src/kernel/index.js';
import { Disk } from '../../models/disk/disk.js';
import { DiskMonitor } from '../../models/disk/disk-monitor.js';
import { Flock } from '../../models/file-lock/flock.js';
import { FakeHdfsSource } from '../../models/reader/fake-hdfs-source.js';
import { PersistentCache } from '../../models/reader/persistent-cache.js';
import { ReaderService } from '../../models/reader/reader-service.js';
import { startReaderQueries } from '../../models/reader/reader-workload.js';
import { ZipfSampler } from '../../models/reader/zipf.js';

describe('Zipf popularity', () => {
  it('s = 1 over 3 files: weights 1, 1/2, 1/3 → 6/11, 3/11, 2/11; a uniform falls on the file its cumulative weight covers', () => {
    const z = new ZipfSampler(3, 1);
    expect([z.probability(0), z.probability(1), z.probability(2)].map((p) => p * 11)).toEqual([6, 3, 2].map((x) => expect.closeTo(x, 12)));
    expect([0, 6 / 11 - 1e-9, 6 / 11 + 1e-9, 9 / 11 + 1e-9, 0.999999].map((u) => z.index(u))).toEqual([0, 0, 1, 2, 2]);
    expect(new ZipfSampler(4, 0).probability(3)).toBeCloseTo(0.25, 12);
  });
});

describe('reader under a query load', () => {
  function run(zipfS: number) {
    const sim = new Simulation({ seed: 11 });
    const hdfs = new FakeHdfsSource(sim, 'hdfs', { latencyMs: 1, bytesPerFile: 1000 });
    const cache = new PersistentCache(sim, 'cache', new Disk(1e9));
    // The scan takes 1,000 × 1 ms; queries start at 2 s. 1,000 files, memory for 100 of them: the hit ratio is what the skew makes of a 10 % cache.
    const reader = new ReaderService(sim, 'reader', { source: hdfs, cache, lock: new Flock() }, {
      files: 1000, scanFilesPerSec: 1000, memoryBytesPerFile: 100, lru: { maxBytes: 10_000 }, baseMemoryBytes: 0, memoryLimitBytes: 0,
    });
    startReaderQueries(sim, reader, { ratePerSec: 100, zipfS, fromMs: 2000, untilMs: 60_000 });
    sim.run(sec(70));
    const c = reader.counts;
    return { hitRatio: c.hit / (c.hit + c.miss), total: c.hit + c.miss + c.stale + c.error, c };
  }

  it('with Zipf skew a 10 % memory cache answers most queries; with none, about 10 %', () => {
    const skewed = run(1), flat = run(0);
    expect(skewed.total).toBeGreaterThan(5500);
    expect(skewed.total).toBeLessThan(6100);
    // LRU under Zipf(1) lands below the 69 % share of the 100 most popular files (H_100 / H_1000), the static optimum.
    expect(skewed.hitRatio).toBeGreaterThan(0.5);
    expect(skewed.hitRatio).toBeLessThan(0.693);
    expect(flat.hitRatio).toBeGreaterThan(0.07);
    expect(flat.hitRatio).toBeLessThan(0.13);
    expect([skewed.c.error, skewed.c.stale]).toEqual([0, 0]);
  });
});

describe('reader with the disk monitor', () => {
  it('the cleanup removes the oldest cache entries from the index too; a later outage finds them gone', () => {
    const sim = new Simulation({ seed: 1 });
    const hdfs = new FakeHdfsSource(sim, 'hdfs', { latencyMs: 20, bytesPerFile: 100 });
    const disk = new Disk(1000);
    const cache = new PersistentCache(sim, 'cache', disk);
    new DiskMonitor(sim, 'disk', disk, (f) => cache.removeFile(f), { checkIntervalMs: 60_000 });
    // 9 files × 100 B = 90 %: the check at 60 s removes floor(9 × 0.3) = 2, the two scanned first.
    const reader = new ReaderService(sim, 'reader', { source: hdfs, cache, lock: new Flock() }, {
      files: 9, scanFilesPerSec: 10, memoryBytesPerFile: 100, lru: { maxBytes: 100 }, baseMemoryBytes: 0, memoryLimitBytes: 0,
    });
    sim.faults.schedule([{ at: sec(70), target: 'hdfs', kind: 'partition' }]);
    const got: string[] = [];
    for (const k of [0, 1, 2]) sim.at(sec(71), () => reader.query(`logs/app-${k}`, (a) => got.push(`${k}:${a.kind}:${a.reason ?? ''}`)));
    sim.run(sec(100));
    expect([disk.usedBytes, cache.size, cache.has('logs/app-0'), cache.has('logs/app-2')]).toEqual([700, 7, false, true]);
    expect(got).toEqual(['0:error:no-cache', '1:error:no-cache', '2:stale:']);
  });

  it('a full disk: the scan still serves from memory but its entries are not persisted (ENOSPC)', () => {
    const sim = new Simulation({ seed: 1 });
    const hdfs = new FakeHdfsSource(sim, 'hdfs', { latencyMs: 20, bytesPerFile: 100 });
    const disk = new Disk(1000);
    disk.otherBytes = 750;
    const cache = new PersistentCache(sim, 'cache', disk);
    const reader = new ReaderService(sim, 'reader', { source: hdfs, cache, lock: new Flock() }, { files: 5, scanFilesPerSec: 10, memoryBytesPerFile: 100, lru: { maxBytes: 1000 }, baseMemoryBytes: 0, memoryLimitBytes: 0 });
    sim.run(sec(10));
    expect([reader.phase, reader.lru.size, cache.size, cache.writeFailures, disk.enospc]).toEqual(['ready', 5, 2, 3, 3]);
  });
});
