import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { sec } from '../../src/kernel/time.js';
import { decideFailover, failoverSleepMs, javaFailoverSchedule } from '../../models/hdfs/failover-schedule.js';
import { JournalQuorum } from '../../models/hdfs/journal-quorum.js';
import { NameNode } from '../../models/hdfs/namenode.js';
import { createHdfsClient, type HdfsClientKind } from '../../models/hdfs/client/client-switch.js';
import type { ReadResult } from '../../models/hdfs/client/read-result.js';
import { hdfsWorld } from './hdfs-world.js';

/** Two NameNodes with no ZKFC: both stay standby, so no call is ever served. */
function standbyPair(seed: number) {
  const sim = new Simulation({ seed });
  const journals = new JournalQuorum();
  const nns = [new NameNode(sim, 'nn1', 'nn1', journals), new NameNode(sim, 'nn2', 'nn2', journals)];
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => records.push(r) });
  return { sim, nns, records };
}

function readAt(w: { sim: Simulation }, client: { read(p: string, d: (r: ReadResult) => void): void }, s: number): { result?: ReadResult } {
  const box: { result?: ReadResult } = {};
  w.sim.at(sec(s), () => client.read('/events/app-1', (r) => { box.result = r; }));
  return box;
}

describe('Java client failover schedule (RetryPolicies.failoverOnNetworkException)', () => {
  it('timeline 3: bases 0, 1, 2, 4, 8 s then 15 s ten times; 165 s expected, 82.5 to 247.5 s, 16 attempts', () => {
    const s = javaFailoverSchedule();
    expect(s.sleepBasesMs).toEqual([0, 1000, 2000, 4000, 8000, ...Array(10).fill(15_000)]);
    expect([s.expectedTotalMs, s.minTotalMs, s.maxTotalMs, s.attempts]).toEqual([165_000, 82_500, 247_500, 16]);
  });

  it('jitter is (long)(base * (u + 0.5)); the 16th failure fails the call; a socket timeout fails over at once', () => {
    expect([failoverSleepMs(3, 0), failoverSleepMs(3, 0.999), failoverSleepMs(9, 0.5)]).toEqual([2000, 5996, 15_000]);
    expect(decideFailover('standby', 15)).toMatchObject({ action: 'fail' });
    expect(decideFailover('rpc-timeout', 4)).toEqual({ action: 'failover', sleepBaseMs: 0 });
    expect(decideFailover('refused', 0)).toEqual({ action: 'failover', sleepBaseMs: 0 });
  });

  it('in a simulation with both NameNodes standby: 16 attempts alternating nn1/nn2, then failure; elapsed = the traced sleeps + 16 RPCs', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
      const w = standbyPair(seed);
      const box = readAt(w, createHdfsClient(w.sim, 'java', 'java', w.nns), 0);
      w.sim.run(sec(300));
      const r = box.result!;
      const sleeps = w.records.filter((x) => x.kind === 'sleep').map((x) => (x.data as { ms: number }).ms);
      expect(r.ok).toBe(false);
      expect(r.attempts).toBe(16);
      expect(sleeps).toHaveLength(14); // the first failover does not sleep
      expect(r.elapsedMs).toBeCloseTo(sleeps.reduce((a, b) => a + b, 0) + 16, 6);
      expect(r.elapsedMs).toBeGreaterThanOrEqual(82_500);
      expect(r.elapsedMs).toBeLessThan(247_500 + 16);
      const targets = w.records.filter((x) => x.kind === 'attempt').map((x) => (x.data as { namenode: string }).namenode);
      expect(targets.slice(0, 4)).toEqual(['nn1', 'nn2', 'nn1', 'nn2']);
    }), { numRuns: 20 });
  });

  it('the mean give-up time over 50 seeds is near 165 s', () => {
    let total = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const w = standbyPair(seed);
      const box = readAt(w, createHdfsClient(w.sim, 'java', 'java', w.nns), 0);
      w.sim.run(sec(300));
      total += box.result!.elapsedMs;
    }
    // sd of one total ≈ 0.289 * sqrt(1+4+16+64+10*225) s ≈ 14 s; of the mean of 50 ≈ 2 s
    expect(total / 50 / 1000).toBeGreaterThan(159);
    expect(total / 50 / 1000).toBeLessThan(171);
  });
});

describe('clients across a NameNode crash (active again at 12.1 s)', () => {
  function during(kind: HdfsClientKind, readS: number, seed = 1) {
    const w = hdfsWorld({}, seed);
    w.at(10.5, 'nn1', 'crash');
    const client = createHdfsClient(w.sim, kind, kind, w.cluster.namenodes);
    const box = readAt(w, client, readS);
    w.sim.run(sec(40));
    return box.result!;
  }

  it('before the crash every client reads from nn1 in one attempt', () => {
    for (const kind of ['java', 'rust-single-sweep', 'failsafe'] as const) expect(during(kind, 5)).toMatchObject({ ok: true, attempts: 1, servedBy: 'nn1' });
  });

  it('java, read at 11.5 s: nn1 refused, failover at once to nn2 (standby), sleep ~1 s, nn1 refused, sleep ~2 s, nn2 active: served by nn2', () => {
    const r = during('java', 11.5);
    expect(r).toMatchObject({ ok: true, servedBy: 'nn2', error: null });
    expect(r.attempts).toBeGreaterThanOrEqual(4);
    expect(r.elapsedMs).toBeLessThan(1 + 1500 + 3000 + 6000);
  });

  it('rust-single-sweep, read at 11.5 s: one pass (nn1 refused, nn2 standby) and it gives up; at 13 s it is served by nn2', () => {
    expect(during('rust-single-sweep', 11.5)).toMatchObject({ ok: false, attempts: 2, error: 'all NameNodes failed (last: standby)' });
    expect(during('rust-single-sweep', 13)).toMatchObject({ ok: true, attempts: 2, servedBy: 'nn2' });
  });

  it('failsafe, read at 11.5 s fails like the sweep ("All NameNodes failed"); at 13 s the backup nn2 serves it', () => {
    expect(during('failsafe', 11.5)).toMatchObject({ ok: false, attempts: 2, error: 'All NameNodes failed' });
    expect(during('failsafe', 13)).toMatchObject({ ok: true, attempts: 2, servedBy: 'nn2' });
  });

  it("failsafe: after 6 consecutive primary failures the breaker (gobreaker defaults) opens and reads skip the primary for 60 s", () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'crash');
    const client = createHdfsClient(w.sim, 'failsafe', 'failsafe', w.cluster.namenodes);
    const results: ReadResult[] = [];
    for (let i = 0; i < 8; i++) w.sim.at(sec(20 + i), () => client.read(`/f${i}`, (r) => results.push(r)));
    w.sim.run(sec(40));
    expect(results.map((r) => [r.ok, r.attempts])).toEqual([...Array(6).fill([true, 2]), [true, 1], [true, 1]]);
    expect(w.records.filter((r) => r.kind === 'breaker-rejected')).toHaveLength(2);
  });

  it('a dead host: each call to it waits the 20 s IPC connect timeout; the java client still gets through once nn2 is active (50.6 s)', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'node-crash');
    const client = createHdfsClient(w.sim, 'java', 'java', w.cluster.namenodes);
    const box = readAt(w, client, 11);
    w.sim.run(sec(200));
    expect(box.result!).toMatchObject({ ok: true, servedBy: 'nn2' });
    expect(w.records.filter((r) => r.kind === 'attempt' && (r.data as { outcome: string }).outcome === 'connect-timeout').length).toBeGreaterThan(0);
    expect(11 + box.result!.elapsedMs / 1000).toBeGreaterThan(50.6);
  });
});

describe('JournalNode quorum (epoch fencing)', () => {
  it('a new epoch fences the old writer; one JournalNode down still leaves a majority; two down stop both epochs and writes', () => {
    const q = new JournalQuorum(3);
    expect(q.newEpoch()).toBe(1);
    expect(q.write(1, 100)).toBe(true);
    expect(q.newEpoch()).toBe(2);
    expect(q.write(1, 200)).toBe(false);
    expect(q.committedTxId).toBe(100);
    q.setUp(0, false);
    expect(q.write(2, 300)).toBe(true);
    q.setUp(1, false);
    expect([q.write(2, 400), q.newEpoch(), q.committedTxId]).toEqual([false, null, 300]);
  });
});
