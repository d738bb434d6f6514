import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/check-loop.js';
import { prepareRun, runScenario, type RunResult } from '../../src/runner/run-scenario.js';
import type { AnyScenario } from '../../src/scenario/scenario.js';
import { defineSystem } from '../../src/scenario/system.js';
import { faultsFromJson } from '../../src/scenario/fault-spec.js';
import { resolveParams } from '../../src/scenario/settings.js';
import { hdfsCacheCorruption } from '../../scenarios/hdfs-cache/cache-corruption.js';
import { hdfsConcurrentAccess } from '../../scenarios/hdfs-cache/concurrent-access.js';
import { hdfsConcurrentFailures } from '../../scenarios/hdfs-cache/concurrent-failures.js';
import { hdfsDiskExhaustion } from '../../scenarios/hdfs-cache/disk-exhaustion.js';
import { comboKey, comboKeys } from '../../scenarios/hdfs-cache/downtime-combos.js';
import { hdfsMemoryPressure } from '../../scenarios/hdfs-cache/memory-pressure.js';
import { hdfsNamenodeFailover } from '../../scenarios/hdfs-cache/namenode-failover.js';
import { hdfsPartition } from '../../scenarios/hdfs-cache/partition.js';
import { hdfsRestart } from '../../scenarios/hdfs-cache/restart.js';
import { hdfsCache } from '../../scenarios/hdfs-cache/system.js';

const run = (s: AnyScenario, params: Record<string, unknown> = {}, seed = 42): RunResult => runScenario(s, { seed, params, timeline: false });
/** Each scenario's seed-42 run at its defaults, run once for the tests that read it. */
const defaultRuns = new Map<AnyScenario, RunResult>();
const atDefaults = (s: AnyScenario): RunResult => defaultRuns.get(s) ?? defaultRuns.set(s, run(s)).get(s)!;
/** The RTO row a run measured: detection, recovery, data lost. */
const rto = (r: RunResult) => [r.metrics.detectionMs, r.metrics.recoveryMs, r.metrics.dataLost];
const verdicts = (r: RunResult) => r.claims.map((c) => c.pass);
const failedInvariants = (r: RunResult) => r.invariants.filter((i) => !i.pass).map((i) => i.name);

describe('hdfs-cache incident scenarios at seed 42, against the seed\'s Recovery Time Objectives', () => {
  it('hdfs-restart: the persistent cache loads 1,920 entries at 64/s in exactly 30 s; persistence=none rescans for 32 min', () => {
    const fix = atDefaults(hdfsRestart), none = run(hdfsRestart, { persistence: 'none' });
    expect(fix.metrics.readerRecoveryMs).toBe(30_000);
    expect(verdicts(fix)).toEqual([true, true, true]);
    expect(none.metrics.readerRecoveryMs).toBe(1_920_000);
    expect(verdicts(none)).toEqual([true, false, true]);
    expect(rto(none)).toEqual([0, 1_920_000, 1_920]); // the whole cache re-read from HDFS
  });

  it('hdfs-namenode-failover: the ZKFC sees the lost host in 5 s (session timeout), but the fencing puts the new active at 40 s, past the seed\'s 30 s', () => {
    const r = atDefaults(hdfsNamenodeFailover);
    expect(r.metrics.failoverDetectMs).toBe(5_000);
    expect(r.metrics.failoverRecoveryMs).toBeCloseTo(40_000, -2);
    expect(r.metrics.clientRecoveryMs).toBeGreaterThan(30_000);
    expect(verdicts(r)).toEqual([true, false, false]);
    // retry=none: a client that knows only nn1 reads nothing until its host is back 5 min later.
    expect(run(hdfsNamenodeFailover, { retry: 'none' }).metrics.clientRecoveryMs).toBeGreaterThanOrEqual(300_000);
  });

  it('hdfs-memory-pressure: the 1.5 GB bound holds memory at 79 % of the limit; lru=none OOM-loops, lru=seed-code hangs an insert', () => {
    const fix = atDefaults(hdfsMemoryPressure), none = run(hdfsMemoryPressure, { lru: 'none' }), seedCode = run(hdfsMemoryPressure, { lru: 'seed-code' });
    expect(verdicts(fix)).toEqual([true, true, true, true]);
    expect(fix.metrics.oomKills).toBe(0);
    expect(none.metrics.oomKills).toBeGreaterThan(10);
    expect(verdicts(none).slice(1)).toEqual([false, false, false]);
    expect(seedCode.metrics.stuckInserts).toBe(1);
    expect(failedInvariants(none)).toEqual([]); // the crash loop outlives the run: the eventually-invariant is not reached
    // The alert fires 36 s after the cache passes 1800 MB; the crash loop never serves again (a lower bound: to the end of the run).
    expect(none.metrics.detectionMs).toBe(36_000);
    expect(none.metrics.recoveryMs).toBeGreaterThan(500_000);
    expect(none.metrics.dataLost).toBeGreaterThan(0.9 * none.metrics.queries!);
  });

  it('hdfs-disk-exhaustion: the monitor keeps ENOSPC away by deleting most of the cache; diskCleanup=none fills the volume', () => {
    const fix = atDefaults(hdfsDiskExhaustion), none = run(hdfsDiskExhaustion, { diskCleanup: 'none' });
    expect(verdicts(fix)).toEqual([true, true]);
    expect(fix.metrics.enospcWrites).toBe(0);
    expect(fix.metrics.cacheFilesCleaned).toBeGreaterThan(1_920);
    expect(none.metrics.enospcWrites).toBeGreaterThan(100);
    expect(none.metrics.diskPeakPct).toBe(100);
    expect(verdicts(none)).toEqual([false, false]);
  });

  it('hdfs-partition: offline mode serves every cached log, but the failsafe reader needs two 20 s connect timeouts to notice; fallback=none loses them', () => {
    const fix = atDefaults(hdfsPartition), none = run(hdfsPartition, { fallback: 'none' });
    expect(fix.metrics.hdfsDetectMs).toBeGreaterThan(40_000);
    expect(fix.metrics.lostAnswers).toBe(0);
    expect(fix.metrics.staleAnswers).toBeGreaterThan(0);
    expect(verdicts(fix)).toEqual([false, true, true]);
    expect(none.metrics.lostAnswers).toBeGreaterThan(0);
    expect(verdicts(none)).toEqual([false, false, false]);
    // No offline mode ever answers: the degradation is never graceful (to the end of the run), 329 cached-log queries lost.
    expect(rto(none)).toEqual([fix.metrics.detectionMs, 480_000, none.metrics.lostAnswers]);
  });

  it('hdfs-cache-corruption: verify_cache finds it at the end of the load and rebuilds for 32 min; drop-entry recovers in under 5 min; none serves corrupt data', () => {
    const fix = atDefaults(hdfsCacheCorruption), drop = run(hdfsCacheCorruption, { checksums: 'drop-entry' }), none = run(hdfsCacheCorruption, { checksums: 'none' });
    expect(fix.metrics.corruptionDetectMs).toBe(30_000);
    expect(fix.metrics.readerRecoveryMs).toBeGreaterThan(1_920_000);
    expect(verdicts(fix)).toEqual([true, false, true]);
    expect(drop.metrics.readerRecoveryMs).toBeLessThan(300_000);
    expect(verdicts(drop)).toEqual([true, true, true]);
    expect(rto(drop)).toEqual([30_000, 223_000, 192]); // only the tenth that failed its checksum is re-read
    expect(none.metrics.corruptServed).toBeGreaterThan(0);
    expect(failedInvariants(none)).toEqual(['no answer comes from a corrupt cache entry']);
  });

  it('hdfs-concurrent-access: flock hands the directory to the waiting process when the holder is killed; none lets both write; a lock file blocks both', () => {
    const fix = atDefaults(hdfsConcurrentAccess), none = run(hdfsConcurrentAccess, { lock: 'none' }), file = run(hdfsConcurrentAccess, { lock: 'lock-file' });
    expect(fix.metrics.lockWaitMaxMs).toBe(120_000);
    expect(fix.metrics.readerRecoveryMs).toBe(30_000);
    expect(verdicts(fix)).toEqual([true, true, true]);
    expect(none.metrics.racedWrites).toBeGreaterThan(0);
    expect(verdicts(none)[0]).toBe(false);
    expect(failedInvariants(none)).toEqual(['one process writes the cache directory at a time']);
    expect(file.metrics.readerRecoveryMs).toBe(480_000); // no reader ever serves again: the bound is the end of the run
    expect(verdicts(file)[1]).toBe(false);
  });

  it('the seed\'s Recovery Time Objectives, row by row: the README\'s figures, measured', () => {
    // | Process Restart | Immediate | <30 seconds | None |: refused at once, the 30 s load, nothing re-read.
    expect(rto(atDefaults(hdfsRestart))).toEqual([0, 30_000, 0]);
    // | NameNode Failover | <10 seconds | <30 seconds | None |: the ZKFC's lock at 5.0 s, nn2 active at 40.0 s, 45 new-log queries failed.
    expect(rto(atDefaults(hdfsNamenodeFailover))).toEqual([5_000, 40_000, 45]);
    // | Memory Pressure | <60 seconds | <10 seconds | Minimal |: the LRU holds memory at 79 %: no pressure, no OOM, nothing failed.
    expect(atDefaults(hdfsMemoryPressure).metrics.memoryPeakPct).toBeCloseTo(79, 0);
    expect(rto(atDefaults(hdfsMemoryPressure))).toEqual([NaN, NaN, 0]);
    // | Network Partition | <30 seconds | Graceful degradation | None |: offline 40.3 s in (two 20 s connect timeouts), at once serving the disk cache; none lost.
    const [detected, degraded, lost] = rto(atDefaults(hdfsPartition));
    expect(detected! / 1000).toBeCloseTo(40.3, 1);
    expect([degraded, lost]).toEqual([detected, 0]);
    // | Cache Corruption | Immediate | <5 minutes | Cache rebuild |: found as the 30 s load ends; the rebuild serves at 1,951 s; all 1,920 logs re-read.
    expect(rto(atDefaults(hdfsCacheCorruption))).toEqual([30_000, 1_951_000, 1_920]);
  });

  it('the five rows carry the seed\'s cells verbatim; the scenarios with no row measure NaN', () => {
    const cells = (s: AnyScenario) => { const r = s.documented?.rto; return r === undefined ? null : [r.detection, r.recovery, r.dataLoss]; };
    expect([hdfsRestart, hdfsNamenodeFailover, hdfsMemoryPressure, hdfsPartition, hdfsCacheCorruption].map(cells)).toEqual([
      ['Immediate', '<30 seconds', 'None'],
      ['<10 seconds', '<30 seconds', 'None'],
      ['<60 seconds', '<10 seconds', 'Minimal'],
      ['<30 seconds', 'Graceful degradation', 'None'],
      ['Immediate', '<5 minutes', 'Cache rebuild'],
    ]);
    for (const s of [hdfsDiskExhaustion, hdfsConcurrentAccess, hdfsConcurrentFailures]) {
      expect(cells(s)).toBeNull();
      expect(rto(atDefaults(s))).toEqual([NaN, NaN, NaN]);
    }
  });

  it('each run is the same run again: same seed, same digest and metrics', () => {
    for (const s of [hdfsNamenodeFailover, hdfsPartition, hdfsConcurrentFailures]) {
      const a = run(s), b = run(s);
      expect(b.digest).toBe(a.digest);
      expect(b.metrics).toEqual(a.metrics);
    }
    expect(run(hdfsPartition, {}, 43).digest).not.toBe(run(hdfsPartition).digest);
  });
});

describe('hdfs-concurrent-failures: a year of independent failures and repairs', () => {
  it('over 8 seeds every run is between 99.8 % and 100 %, the mean near the 99.97 % the defaults imply, and the claims are evaluated', () => {
    const a: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const r = run(hdfsConcurrentFailures, {}, seed);
      expect(r.claims).toHaveLength(2);
      a.push(r.metrics.availabilityPct!);
      expect(r.metrics.cachedAvailabilityPct!).toBeGreaterThanOrEqual(r.metrics.availabilityPct!);
    }
    for (const x of a) expect(x).toBeGreaterThan(99.8);
    for (const x of a) expect(x).toBeLessThanOrEqual(100);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean).toBeGreaterThan(99.93);
    expect(mean).toBeLessThan(99.995);
  });

  it('the downtime by combination adds up to the total downtime', () => {
    const m = run(hdfsConcurrentFailures, {}, 3).metrics;
    const sum = comboKeys().reduce((s, k) => s + m[k]!, 0);
    expect(sum).toBeCloseTo(m.serviceDowntimeMs!, 6);
    expect(comboKey(['network', 'reader'])).toBe('readerNetworkDowntimeMs');
    expect(comboKey(['zookeeper', 'network', 'reader'])).toBe('threeOrMoreDowntimeMs');
  });

  it('with only the network failing, 50 years give A = MTTF / (MTTF + MTTR) = 30 d / (30 d + 5 min) within 0.003 %', () => {
    const never = 1e14;
    const m = run(hdfsConcurrentFailures, { horizonMs: 50 * 365.25 * 86_400_000, readerMttfMs: never, diskMttfMs: never, namenodeMttfMs: never, zookeeperMttfMs: never, journalnodeMttfMs: never }, 1).metrics;
    const closed = (100 * 30 * 1440) / (30 * 1440 + 5);
    expect(Math.abs(m.availabilityPct! - closed)).toBeLessThan(0.003);
    expect(m.networkDowntimeMs).toBeCloseTo(m.serviceDowntimeMs!, 6);
  });
});

describe('sim check on hdfs-cache (small: 200 logs, 15 min runs)', () => {
  const small = { files: 200, durationMs: 900_000 };
  const check = (s: AnyScenario, params: Record<string, unknown>, runs: number) =>
    runCheck(s, runScenario, resolveParams(s.params, params), { runs, seed: 1, maxFaults: s.faultSpace!.maxFaults, params });

  it('checksums=none: finds an answer from a corrupt entry, shrunk to one fault (the corruption and its restart), and replays it', () => {
    const params = { ...small, checksums: 'none' };
    const out = check(hdfsCacheCorruption, params, 40);
    expect(out.counterexample, 'fast-check seed 1').not.toBeNull();
    const cx = out.counterexample!;
    expect(cx.violated.map((v) => v.name)).toContain('no answer comes from a corrupt cache entry');
    expect(cx.size).toBe(1);
    expect(cx.faults[0]!.kind).toBe('corrupt-cache');
    const faults = faultsFromJson(JSON.parse(JSON.stringify({ faults: cx.faults })));
    expect(runScenario(hdfsCacheCorruption, { seed: cx.seed, params, faults }).digest).toBe(cx.result.digest);
  });

  it('the seed\'s defaults: nothing found in 20 runs of faults across the fault space', () => {
    const out = check(hdfsCacheCorruption, small, 20);
    expect(out.counterexample, JSON.stringify(out.counterexample?.faults)).toBeNull();
    expect(out.coverage.faultKinds().filter((k) => k.runs > 0).length).toBeGreaterThan(3);
  });
});

describe('hdfs-cache panes (the TUI)', () => {
  const panesAt = (s: AnyScenario, atMs: number, params: Record<string, unknown> = {}) => {
    const prep = prepareRun(s, { seed: 42, params, timeline: false });
    prep.sim.run(atMs * 1000);
    return s.inspect!(prep.world, prep.sim, prep.params);
  };

  it('mid-failover: the NameNodes and the lock znode, the client\'s failed calls, the cache, the disk and the directory lock', () => {
    const panes = panesAt(hdfsNamenodeFailover, 150_000);
    expect(panes.map((p) => p.title.split(' ')[0])).toEqual(['HDFS', 'reader\'s', 'reader', 'queries', 'cache', 'cache']);
    const text = JSON.stringify(panes);
    expect(text).toContain('host down');
    expect(text).toContain('NameNode calls / failed');
    expect(text).toContain('hit ratio');
    expect(text).toContain('% of 1000 MB');
    expect(text).toContain('"holder","reader#1"');
  });

  it('long horizon: each component\'s state and the availability so far', () => {
    const panes = panesAt(hdfsConcurrentFailures, 100 * 86_400_000);
    expect(panes[0]!.rows).toHaveLength(9);
    expect(panes[1]!.rows[0]![0]).toBe('availability (fresh / cached)');
  });
});

describe('hdfs-cache measurement stays out of the run', () => {
  it('hdfs-partition: the same digest and records without its observers; events differ by the 1 s samples alone', () => {
    const { panes: _p, series: _s, ...spec } = hdfsCache.spec;
    const bare = defineSystem({ ...spec, observe: () => null, metrics: () => ({}), metricInfo: {}, invariants: [] })
      .scenario({ id: hdfsPartition.id, title: hdfsPartition.title, source: '', faults: hdfsPartition.faults, claims: [] });
    const a = runScenario(hdfsPartition, { seed: 3 }), b = runScenario(bare, { seed: 3 });
    expect([b.digest, b.traceRecords]).toEqual([a.digest, a.traceRecords]);
    expect(a.events - b.events).toBe(600);
  });
});
