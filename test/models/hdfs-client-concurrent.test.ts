import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { ms, sec } from '../../src/kernel/time.js';
import { FailoverProxy } from '../../models/hdfs/client/failover-proxy.js';
import { JavaHdfsClient } from '../../models/hdfs/client/java-client.js';
import type { ReadResult } from '../../models/hdfs/client/read-result.js';
import type { HdfsEvents } from '../../models/hdfs/hdfs-events.js';
import { JournalQuorum } from '../../models/hdfs/journal-quorum.js';
import { NameNode } from '../../models/hdfs/namenode.js';
import { hdfsWorld } from './hdfs-world.js';

/**
 * RetryInvocationHandler [HADOOP-RIH]: every call of a client shares one proxy, and a failed call fails it over
 * only if its failover count is what it was when the call was sent; the retry counters stay per call.
 */

type FailoverEvent = HdfsEvents['failover'];
const failoversIn = (records: TraceRecord[], afterUs = 0) =>
  records.filter((r) => r.kind === 'failover' && r.t >= afterUs).map((r) => r.data as FailoverEvent);

describe('FailoverProxy (ProxyDescriptor.failover)', () => {
  it('switches only when the count a call started with is still current, and cycles through the NameNodes', () => {
    const p = new FailoverProxy(3);
    expect([p.current, p.failoverCount]).toEqual([0, 0]);
    expect([p.failover(0), p.failover(0), p.failover(0)]).toEqual([true, false, false]);
    expect([p.current, p.failoverCount]).toEqual([1, 1]);
    expect([p.failover(1), p.failover(2), p.current]).toEqual([true, true, 0]);
    expect(() => new FailoverProxy(0)).toThrow();
  });
});

describe('concurrent reads of one Java client', () => {
  /** nn1 standby, nn2 active (made so directly, no ZKFC); the client starts on nn1, the first configured. */
  function standbyFirst(seed: number) {
    const sim = new Simulation({ seed });
    const journals = new JournalQuorum();
    const nns = [new NameNode(sim, 'nn1', 'nn1', journals), new NameNode(sim, 'nn2', 'nn2', journals)];
    nns[1]!.toActive(() => {});
    const records: TraceRecord[] = [];
    sim.trace.addSink({ record: (r) => records.push(r) });
    return { sim, client: new JavaHdfsClient(sim, 'java', nns), records };
  }

  it('n reads failing together on the standby switch the client once: the first moves it to nn2, the rest follow; 2 attempts, 2 ms each', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 8 }), (seed, n) => {
      const { sim, client, records } = standbyFirst(seed);
      const results: ReadResult[] = [];
      for (let i = 0; i < n; i++) client.read(`/f${i}`, (r) => results.push(r));
      sim.run(sec(5));
      // t = 1 ms: all n calls get StandbyException from nn1; the first failover sleeps 0.
      // The first read to fail over switches (count 0 -> 1); the others started at count 0 and only follow.
      expect(failoversIn(records).map((f) => [f.from, f.to, f.switched])).toEqual([['nn1', 'nn2', true], ...Array(n - 1).fill(['nn1', 'nn2', false])]);
      expect([client.proxyFailovers, client.currentNameNode]).toEqual([1, 'nn2']);
      expect(results).toHaveLength(n);
      for (const r of results) expect(r).toEqual({ ok: true, attempts: 2, servedBy: 'nn2', error: null, elapsedMs: 2 });
    }), { numRuns: 25 });
  });

  it('the 15-failover limit and the sleeps count per read (Call.counters), not per client: 3 reads with no active NameNode', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
      const sim = new Simulation({ seed });
      const journals = new JournalQuorum();
      const client = new JavaHdfsClient(sim, 'java', [new NameNode(sim, 'nn1', 'nn1', journals), new NameNode(sim, 'nn2', 'nn2', journals)]);
      const records: TraceRecord[] = [];
      sim.trace.addSink({ record: (r) => records.push(r) });
      const results: ReadResult[] = [];
      for (let i = 0; i < 3; i++) client.read(`/f${i}`, (r) => results.push(r));
      sim.run(sec(400));
      // Each read fails over 15 times (its own count 1..15), 14 of them after a sleep, then gives up on its 16th call.
      expect(results.map((r) => [r.ok, r.attempts])).toEqual(Array(3).fill([false, 16]));
      const own = failoversIn(records).map((f) => f.failovers).sort((x, y) => x - y);
      expect(own).toEqual(Array.from({ length: 15 }, (_, k) => [k + 1, k + 1, k + 1]).flat());
      const sleeps = records.filter((r) => r.kind === 'sleep').map((r) => (r.data as HdfsEvents['sleep']).ms);
      expect(sleeps).toHaveLength(3 * 14);
      // elapsed of a read = its own sleeps + 16 one-ms calls
      const elapsed = results.reduce((t, r) => t + r.elapsedMs, 0);
      expect(elapsed).toBeCloseTo(sleeps.reduce((t, x) => t + x, 0) + 3 * 16, 6);
      // The shared proxy moved at most once per failover, and only for failovers whose call saw the current count.
      expect(client.proxyFailovers).toBe(failoversIn(records).filter((f) => f.switched).length);
      expect(client.proxyFailovers).toBeGreaterThan(0);
      expect(client.proxyFailovers).toBeLessThanOrEqual(45);
    }), { numRuns: 15 });
  });
});

describe('reads started during a partition of nn1, fencing by sshfence alone', () => {
  /**
   * nn1 (active) is cut off at 10.5 s for 300 s and aborts at its next edit batch. sshfence cannot reach its host
   * until the heal at 310.5 s; the ZKFC's attempt running then still waits its 30 s connect timeout (338.5 s), the
   * next one reaches the host, kills nothing left to kill and succeeds: nn2 is active at 340.5 s. 16 reads start
   * every 250 ms from 100.5 s; calls to nn1 wait the 20 s connect timeout until the heal, are refused after it.
   */
  function partitioned(seed: number) {
    const w = hdfsWorld({ zkfc: { fencingMethods: ['sshfence'] } }, seed);
    w.at(10.5, 'nn1', 'partition', { durationMs: 300_000 });
    const client = new JavaHdfsClient(w.sim, 'java', w.cluster.namenodes);
    const results: ReadResult[] = [];
    for (let i = 0; i < 16; i++) w.sim.at(sec(100.5) + ms(250 * i), () => client.read(`/f${i}`, (r) => results.push(r)));
    w.sim.run(sec(700));
    return { w, client, results };
  }

  it("after the heal the client's proxy switches at most twice and every read is served by nn2 within its 15 failovers", () => {
    // With one rotation per failed call (the model before this fix) at least one of the 16 reads exhausted its 15
    // failovers in each of 30 seeds tried: the reads' failures rotated the proxy back and forth, so calls kept landing
    // on the dead nn1 (seed 1: /f0 gave up at 324.5 s, and /f8 at 373.9 s, 33 s after nn2 was active, on nn1).
    for (let seed = 1; seed <= 5; seed++) {
      const { w, client, results } = partitioned(seed);
      const activeAt = w.first('nn2', 'ha-state')!.t;
      expect(activeAt).toBe(sec(340.5));
      expect(results).toHaveLength(16);
      for (const r of results) expect(r).toMatchObject({ ok: true, servedBy: 'nn2', error: null });
      for (const r of results) expect(r.attempts).toBeLessThanOrEqual(16);
      // At most two real switches once nn2 is active: a read that failed on the still-standby nn2 just before
      // 340.5 s may move the proxy to nn1 once more; the next fresh failure there moves it back for good.
      const switchesAfter = failoversIn(w.records, activeAt).filter((f) => f.switched);
      expect(switchesAfter.length).toBeGreaterThanOrEqual(1);
      expect(switchesAfter.length).toBeLessThanOrEqual(2);
      expect(switchesAfter.at(-1)!.to).toBe('nn2');
      expect(client.currentNameNode).toBe('nn2');
      // Far fewer real switches than failed calls: concurrent failures do not each rotate the proxy.
      const all = failoversIn(w.records);
      expect(client.proxyFailovers).toBe(all.filter((f) => f.switched).length);
      expect(client.proxyFailovers).toBeLessThan(all.length / 2);
    }
  });
});
