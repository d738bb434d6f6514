import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { Disk } from '../../models/disk/disk.js';
import { Flock } from '../../models/file-lock/flock.js';
import { LockFile } from '../../models/file-lock/lock-file.js';
import type { DirLock } from '../../models/file-lock/dir-lock.js';
import { FakeHdfsSource } from '../../models/reader/fake-hdfs-source.js';
import { PersistentCache } from '../../models/reader/persistent-cache.js';
import type { ReaderAnswer } from '../../models/reader/reader-answer.js';
import { DEFAULT_READER, logPath, type ReaderOptions } from '../../models/reader/reader-options.js';
import { ReaderService } from '../../models/reader/reader-service.js';
import { plannedStartup } from '../../models/reader/startup-plan.js';

/** 100 files, scanned at 10/s (100 ms slots, HDFS answers in 20 ms), loaded at 1000/s (1 ms slots). */
const SMALL: Partial<ReaderOptions> = { files: 100, scanFilesPerSec: 10, loadEntriesPerSec: 1000, memoryBytesPerFile: 100, lru: { maxBytes: 100_000 }, baseMemoryBytes: 0, memoryLimitBytes: 0 };

function world(options: Partial<ReaderOptions> = {}, lock: (sim: Simulation) => DirLock = () => new Flock(), hdfsLatencyMs = 20) {
  const sim = new Simulation({ seed: 7 });
  const recs: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => recs.push(r) });
  const hdfs = new FakeHdfsSource(sim, 'hdfs', { latencyMs: hdfsLatencyMs, bytesPerFile: 1000 });
  const disk = new Disk(1e9);
  const cache = new PersistentCache(sim, 'cache', disk);
  const dirLock = lock(sim);
  const make = (name: string, extra: Partial<ReaderOptions> = {}) => new ReaderService(sim, name, { source: hdfs, cache, lock: dirLock }, { ...SMALL, ...options, ...extra });
  const ask = (reader: ReaderService, path: string, at: number) => {
    const got: ReaderAnswer[] = [];
    sim.at(at, () => reader.query(path, (a) => got.push(a)));
    return got;
  };
  return { sim, recs, hdfs, disk, cache, dirLock, make, ask };
}

const readyTimes = (recs: TraceRecord[], source: string) => recs.filter((r) => r.source === source && r.kind === 'ready').map((r) => r.t);

describe('reader start-up', () => {
  it('without a persistent cache every start is a full scan: N / rate = 100 / 10 = 10 s, and again after a restart', () => {
    const w = world({ persistent: false });
    const reader = w.make('reader');
    w.sim.faults.schedule([{ at: sec(20), target: 'reader', kind: 'restart' }]);
    w.sim.run(sec(100));
    expect(readyTimes(w.recs, 'reader')).toEqual([sec(10), sec(30)]);
    expect(reader.startups).toEqual([sec(10), sec(10)]);
    expect(w.hdfs.reads).toBe(200);
  });

  it('a read slower than the pace stretches each slot: 100 × 150 ms = 15 s', () => {
    const w = world({ persistent: false }, () => new Flock(), 150);
    const reader = w.make('reader');
    w.sim.run(sec(100));
    expect(reader.startups).toEqual([sec(15)]);
    expect(plannedStartup({ files: 100, persistent: false, indexIntact: true, cachedEntries: 0, corruptEntries: 0, onCorruptEntry: 'drop-entry', scanFilesPerSec: 10, loadEntriesPerSec: 1000, hdfsLatencyUs: ms(150) }).durationUs).toBe(sec(15));
  });

  it("the seed's figures at the defaults: 18,000 logs, 30 min scan without the persistent cache, 30 s load with it", () => {
    const sim = new Simulation({ seed: 1 });
    const hdfs = new FakeHdfsSource(sim, 'hdfs', { latencyMs: 20 });
    const cache = new PersistentCache(sim, 'cache', new Disk(10e9));
    const reader = new ReaderService(sim, 'reader', { source: hdfs, cache, lock: new Flock() });
    sim.faults.schedule([{ at: sec(2000), target: 'reader', kind: 'restart' }]);
    sim.run(sec(2100));
    expect(reader.startups).toEqual([sec(1800), 18_000 * 1667]); // 1/600 s rounds to 1667 µs: 30.006 s
    const base = { files: 18_000, persistent: true, indexIntact: true, cachedEntries: 0, corruptEntries: 0, onCorruptEntry: 'rebuild-all' as const, scanFilesPerSec: 10, loadEntriesPerSec: 600, hdfsLatencyUs: ms(20) };
    expect(plannedStartup(base).durationUs).toBe(sec(1800));
    expect(plannedStartup({ ...base, cachedEntries: 18_000 }).durationUs).toBe(reader.startups[1]);
    // 15,000 of 18,000 fit the 1.5 GB bound: base 200 MB + 1.5 GB stays under the 2 GiB limit.
    expect([reader.lru.size, reader.oomKills, reader.peakMemoryBytes]).toEqual([15_000, 0, 1_700_000_000]);
    expect(DEFAULT_READER.memoryLimitBytes).toBe(2 * 1024 ** 3);
  });
});

describe('reader corruption on load', () => {
  function restartAfterCorruption(onCorruptEntry: ReaderOptions['onCorruptEntry'], kind: 'corrupt-cache' | 'corrupt-index') {
    const w = world({ onCorruptEntry });
    const reader = w.make('reader');
    w.sim.faults.schedule([
      { at: sec(20), target: 'cache', kind, ...(kind === 'corrupt-cache' ? { params: { fraction: 0.1 } } : {}) },
      { at: sec(30), target: 'reader', kind: 'restart' },
    ]);
    w.sim.run(sec(100));
    return { reader, w };
  }

  it("rebuild-all (the seed's verify_cache): 100 entries verified (100 ms), 10 bad checksums, then everything is rescanned (10 s)", () => {
    const { reader, w } = restartAfterCorruption('rebuild-all', 'corrupt-cache');
    expect(reader.startups).toEqual([sec(10), ms(100) + sec(10)]);
    expect(w.recs.filter((r) => r.kind === 'load-done').map((r) => r.data)).toEqual([{ loaded: 0, corrupt: 0 }, { loaded: 90, corrupt: 10 }]);
    expect([w.cache.size, w.cache.corruptCount]).toEqual([100, 0]);
  });

  it('drop-entry: the 10 bad entries are dropped and only they are re-read: 100 ms + 10 × 100 ms', () => {
    const { reader, w } = restartAfterCorruption('drop-entry', 'corrupt-cache');
    expect(reader.startups).toEqual([sec(10), ms(1100)]);
    expect(w.hdfs.reads).toBe(110);
    expect(w.cache.corruptCount).toBe(0);
  });

  it('a corrupt index fails the load at once: the rebuild is the full scan, 10 s', () => {
    const { reader, w } = restartAfterCorruption('drop-entry', 'corrupt-index');
    expect(reader.startups).toEqual([sec(10), sec(10)]);
    expect(w.recs.filter((r) => r.kind === 'rebuild').map((r) => r.t)).toEqual([sec(30)]);
    expect(w.cache.indexIntact).toBe(true);
  });
});

describe('reader queries', () => {
  it('hit from memory; miss read from HDFS; during an outage a disk-cached file is served stale, an uncached one fails', () => {
    // Memory holds 3 files: most of the 10 scanned files are on disk only.
    const w = world({ files: 10, lru: { maxBytes: 300 } });
    const reader = w.make('reader');
    w.sim.faults.schedule([{ at: sec(5), target: 'hdfs', kind: 'partition', params: { healAfterMs: 10_000 } }]);
    const hit = w.ask(reader, logPath(9), sec(2));
    const miss = w.ask(reader, logPath(0), sec(3));
    const stale = w.ask(reader, logPath(1), sec(6));
    const none = w.ask(reader, 'logs/never-cached', sec(7));
    const back = w.ask(reader, logPath(2), sec(16));
    w.sim.run(sec(30));
    const view = (got: ReaderAnswer[]) => got.map((a) => [a.kind, a.latencyUs / 1000, a.reason]);
    expect(view(hit)).toEqual([['hit', 1, undefined]]);
    expect(view(miss)).toEqual([['miss', 20, undefined]]);
    expect(view(stale)).toEqual([['stale', 1000 + 5, undefined]]); // the client's failure after 1 s, then the disk read
    expect(view(none)).toEqual([['error', 1000, 'no-cache']]);
    expect(view(back)).toEqual([['miss', 20, undefined]]);
    expect(w.recs.filter((r) => r.kind.startsWith('hdfs-')).map((r) => [r.t / 1e6, r.kind])).toEqual([[7, 'hdfs-unreachable'], [16.02, 'hdfs-reachable']]);
  });

  it('without the fallback, or with a corrupt disk copy, the outage is an error', () => {
    const w = world({ files: 10, lru: { maxBytes: 300 }, offlineFallback: false });
    const reader = w.make('reader');
    w.sim.faults.schedule([{ at: sec(5), target: 'hdfs', kind: 'partition' }]);
    const failed = w.ask(reader, logPath(1), sec(6));
    const notReady = w.ask(reader, logPath(1), sec(0.5));
    w.sim.run(sec(30));
    expect(failed.map((a) => a.reason)).toEqual(['hdfs']);
    expect(notReady.map((a) => [a.kind, a.reason])).toEqual([['error', 'not-ready']]);

    const v = world({ files: 10, lru: { maxBytes: 300 } });
    const r2 = v.make('reader');
    v.sim.faults.schedule([{ at: sec(4), target: 'cache', kind: 'corrupt-cache', params: { fraction: 1 } }, { at: sec(5), target: 'hdfs', kind: 'partition' }]);
    const corrupt = v.ask(r2, logPath(1), sec(6));
    v.sim.run(sec(30));
    expect(corrupt.map((a) => a.reason)).toEqual(['corrupt']);
    expect(v.cache.has(logPath(1))).toBe(false);
  });
});

describe('reader memory limit', () => {
  it('sizes under-estimated by half: the cache holds 2× its bound and the 16th file (1600 B > 1500 B) OOM-kills the process, on every start', () => {
    const w = world({ files: 30, lru: { maxBytes: 1000, sizeEstimateRatio: 0.5 }, memoryLimitBytes: 1500, oomRestartMs: 10_000 });
    const reader = w.make('reader');
    w.sim.run(sec(40));
    // File 15 lands at 1.52 s; the restart 10 s later loads 15 entries (15 ms) and the first scanned file kills it again.
    expect(w.recs.filter((r) => r.kind === 'oom-kill').map((r) => r.t)).toEqual([ms(1520), ms(11_555), ms(21_590), ms(31_625)]);
    expect(reader.startups).toEqual([]);
    const exact = world({ files: 30, lru: { maxBytes: 1000 }, memoryLimitBytes: 1500 });
    const fine = exact.make('reader');
    exact.sim.run(sec(40));
    expect([fine.oomKills, fine.startups, fine.peakMemoryBytes]).toEqual([0, [sec(3)], 1000]);
  });

  it("the seed's eviction loop: once its counter reaches the bound, an insert spins and the query is never answered", () => {
    const w = world({ files: 10, lru: { maxBytes: 1000, subtractOnEviction: false, whenNothingFits: 'spin' } });
    const reader = w.make('reader');
    const hung = w.ask(reader, 'logs/new', sec(2));
    w.sim.run(sec(30));
    expect([reader.startups, hung, reader.stuckInserts, reader.inFlight]).toEqual([[sec(1)], [], 1, 1]);
  });
});

describe('two readers sharing the cache directory', () => {
  it('flock, blocking: B waits behind A; A crashes at 15 s and B has the lock at once, loading A’s cache in 100 ms', () => {
    const w = world();
    const a = w.make('a'), b = w.make('b');
    w.sim.faults.schedule([{ at: sec(15), target: 'a', kind: 'crash' }]);
    w.sim.run(sec(100));
    expect([a.startups, b.startups]).toEqual([[sec(10)], [ms(15_100)]]);
    expect(w.recs.filter((r) => r.source === 'b' && r.kind.startsWith('lock')).map((r) => [r.t / 1e6, r.kind])).toEqual([[0, 'lock-waiting'], [15, 'lock-acquired']]);
  });

  it('lock file: A’s crash leaves its file and B polls until an operator removes it at 59.5 s', () => {
    const w = world({}, (sim) => new LockFile(sim, 'lockfile'));
    const a = w.make('a'), b = w.make('b');
    w.sim.faults.schedule([{ at: sec(15), target: 'a', kind: 'crash' }, { at: sec(59.5), target: 'lockfile', kind: 'remove-lock-file' }]);
    w.sim.run(sec(100));
    expect([a.startups, b.startups]).toEqual([[sec(10)], [ms(60_100)]]);
  });

  it('lock file, one reader: after a crash its own new incarnation is blocked by the file the old one left, until the 30 s stale timeout', () => {
    const w = world({}, (sim) => new LockFile(sim, 'lockfile', { staleAfterMs: 30_000, refreshMs: 5_000 }));
    const a = w.make('a');
    w.sim.faults.schedule([{ at: sec(12), target: 'a', kind: 'crash', params: { restartAfterMs: 1000 } }]);
    w.sim.run(sec(100));
    // Last refresh at 10 s; the restart at 13 s polls each second and breaks the file at 40 s, then loads 100 entries.
    expect([a.startups, a.owner, w.recs.filter((r) => r.kind === 'stale-lock-broken').map((r) => [r.t / 1e6, r.data])])
      .toEqual([[sec(10), sec(27.1)], 'a#2', [[40, { previousOwner: 'a#1', ageMs: 30_000, newOwner: 'a#2' }]]]);
  });

  it('try-lock: B exits at once and its supervisor retries every 10 s; the retry at 20 s after A’s crash gets the lock', () => {
    const w = world({ lockMode: 'try' });
    const a = w.make('a'), b = w.make('b');
    w.sim.faults.schedule([{ at: sec(15), target: 'a', kind: 'crash' }]);
    w.sim.run(sec(100));
    expect(w.recs.filter((r) => r.source === 'b' && r.kind === 'lock-busy').map((r) => r.t)).toEqual([0, sec(10)]);
    expect([a.startups, b.startups, b.owner]).toEqual([[sec(10)], [ms(100)], 'b#3']);
  });
});
