import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/index.js';
import { ms, sec } from '../../src/kernel/time.js';
import { ZooKeeper, type ZkClient } from '../../models/hdfs/zookeeper.js';
import { hdfsWorld } from './hdfs-world.js';

// A client that stops pinging (it closed its handle, or its process died) has
// its session expired by the server one session timeout after the last ping
// it received, whether or not the network heals; a client that keeps its
// handle open and reconnects within the timeout keeps its session [ZK-PROG].
// The model counts the timeout from the moment contact was lost (= last ping).

function client(name: string) {
  const c = { name, reach: true, expired: [] as number[], canReachZk: () => c.reach, sessionExpired: (s: number) => { c.expired.push(s); } };
  return c satisfies ZkClient;
}

/** One client holding an ephemeral lock, cut off at `cutMs` for `forMs`; it closes at `closeMs` if given. */
function cutOff(cutMs: number, forMs: number, closeMs?: number) {
  const sim = new Simulation({ seed: 1 });
  const zk = new ZooKeeper(sim);
  const a = client('a');
  const s = zk.open(a, 5000)!;
  zk.create(s, 'lock', 'a', true);
  const expiredAt: number[] = [];
  sim.trace.addSink({ record: (r) => { if (r.kind === 'session-expired') expiredAt.push(r.t); } });
  sim.at(ms(cutMs), () => { a.reach = false; zk.contactChanged(a); });
  sim.at(ms(cutMs + forMs), () => { a.reach = true; zk.contactChanged(a); });
  if (closeMs !== undefined) sim.at(ms(closeMs), () => zk.close(s));
  sim.run();
  return { zk, a, s, expiredAt };
}

describe('ZooKeeper sessions abandoned by their client', () => {
  it('a close lost in a partition: the session expires 5 s after contact was lost, though contact is back at 4 s; the closed handle is not told', () => {
    const { zk, a, s, expiredAt } = cutOff(1000, 3000, 2000);
    expect(expiredAt).toEqual([sec(6)]);
    expect([zk.isLive(s), zk.get('lock')]).toEqual([false, null]);
    expect(a.expired).toEqual([]);
  });

  it('control: the same 3 s partition with the handle kept open does not expire the session', () => {
    const { zk, s, expiredAt } = cutOff(1000, 3000);
    expect(expiredAt).toEqual([]);
    expect([zk.isLive(s), zk.get('lock')]).toEqual([true, 'a']);
  });

  it('abandon() of a session still in contact (its process stopped) starts the countdown at that moment; contact does not stop it', () => {
    const sim = new Simulation({ seed: 1 });
    const zk = new ZooKeeper(sim);
    const a = client('a');
    const s = zk.open(a, 5000)!;
    sim.at(sec(2), () => { zk.abandon(s); zk.contactChanged(a); });
    sim.run();
    expect(zk.isLive(s)).toBe(false);
    expect(sim.now).toBe(sec(7));
    expect(zk.create(s, 'lock', 'a', true)).toBe('unavailable');
  });

  it('an abandoned session survives an ensemble outage but gets no pings afterwards: it expires one fresh timeout after recovery', () => {
    const sim = new Simulation({ seed: 1 });
    const zk = new ZooKeeper(sim);
    const a = client('a');
    const s = zk.open(a, 5000)!;
    sim.at(sec(1), () => zk.down());
    sim.at(sec(2), () => zk.close(s)); // cannot reach a down ensemble: lost, abandoned
    sim.at(sec(20), () => zk.recover());
    sim.run();
    expect([zk.isLive(s), sim.now]).toEqual([false, sec(25)]);
  });

  it('property: after a partition of any length, the session expires iff the client closed during it or the partition outlasted the timeout, always at cut + 5 s', () => {
    const cases = fc.record({
      cutMs: fc.integer({ min: 0, max: 10_000 }),
      forMs: fc.integer({ min: 1, max: 15_000 }).filter((d) => d !== 5000),
      closeAfterMs: fc.option(fc.integer({ min: 0, max: 15_000 }), { nil: undefined }),
    });
    fc.assert(fc.property(cases, ({ cutMs, forMs, closeAfterMs }) => {
      const closes = closeAfterMs !== undefined && closeAfterMs < forMs; // a close sent after the heal just closes
      const closeMs = closeAfterMs === undefined ? undefined : cutMs + closeAfterMs;
      const { zk, s, expiredAt } = cutOff(cutMs, forMs, closeMs);
      const expires = closes || forMs > 5000;
      expect(expiredAt).toEqual(expires ? [ms(cutMs + 5000)] : []);
      expect(zk.isLive(s)).toBe(!expires && closeAfterMs === undefined);
    }), { numRuns: 50 });
  });
});

describe('HA failover when the active ZKFC abandons its session', () => {
  it('3 s partition of nn1 at 10.5 s: the lost close no longer keeps the lock; the session expires at 15.5 s and nn2 is active at 16.6 s', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'partition', { durationMs: 3000 });
    w.sim.run(sec(600));
    expect(w.timeline('partitioned', 'edits-rejected', 'quit-election', 'healed', 'session-expired', 'lock-acquired', 'fence-graceful', 'fence-method', 'caught-up', 'became-active').filter((r) => (r[0] as number) > 1)).toEqual([
      [10.5, 'nn1', 'partitioned'], // zkfc-nn1's pings stop getting through: last ping at 10.5 s
      [11, 'nn1', 'edits-rejected'], // the cut-off active cannot write and aborts
      [12, 'zkfc-nn1', 'quit-election'], // its close cannot reach the ensemble: the session is abandoned
      [13.5, 'nn1', 'healed'], // contact back, but the closed handle pings no more
      [15.5, 'zookeeper', 'session-expired'], // 10.5 s + the 5 s session timeout
      [15.5, 'zkfc-nn2', 'lock-acquired'], // its deletion watch fired
      [16.5, 'zkfc-nn2', 'fence-graceful'], // refused (nn1 aborted), one retry 1 s later, refused
      [16.5, 'zkfc-nn2', 'fence-method'], // sshfence reaches the healed host: fenced
      [16.6, 'nn2', 'caught-up'], // 1000 edits (batches at 1..10 s) at 100 µs each
      [16.6, 'zkfc-nn2', 'became-active'],
    ]);
    expect(w.first('zookeeper', 'session-expired')!.data).toEqual({ client: 'zkfc-nn1', session: 1, deleted: ['ActiveStandbyElectorLock'] });
    expect(w.first('zkfc-nn2', 'fence-method')!.data).toEqual({ target: 'nn1', method: 'sshfence', ok: true });
    expect(w.cluster.active?.name).toBe('nn2');
  });

  it('the ZKFC dies with its host (node-crash, back after 2 s): its old session still expires at 15.5 s; nn2 fences the standby nn1 gracefully and is active at 15.6 s', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'node-crash', { recoverAfterMs: 2000 });
    w.sim.run(sec(60));
    expect(w.timeline('host-up', 'joined-election', 'became-standby', 'session-expired', 'lock-acquired', 'fence-graceful', 'became-active').filter((r) => (r[0] as number) > 1)).toEqual([
      [12.5, 'nn1', 'host-up'],
      [12.5, 'zkfc-nn1', 'joined-election'], // a new session; the old one still holds the lock
      [12.5, 'zkfc-nn1', 'became-standby'],
      [15.5, 'zookeeper', 'session-expired'], // the dead process's session: 10.5 s + 5 s
      [15.5, 'zkfc-nn2', 'lock-acquired'], // its watch was set first
      [15.5, 'zkfc-nn2', 'fence-graceful'], // nn1 is up and answers transitionToStandby
      [15.6, 'zkfc-nn2', 'became-active'], // 1000 edits of catch-up
    ]);
    expect(w.cluster.active?.name).toBe('nn2');
    expect(w.cluster.zkfcs.map((z) => z.role)).toEqual(['standby', 'active']);
  });

  it('control: the standby nn2 partitioned for 3 s keeps its session (its ZKFC stays in the election); nothing expires, nn1 stays active', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn2', 'partition', { durationMs: 3000 });
    w.sim.run(sec(60));
    expect(w.records.filter((r) => r.kind === 'session-expired' || r.kind === 'quit-election')).toEqual([]);
    expect(w.cluster.active?.name).toBe('nn1');
    expect(w.cluster.zkfcs.map((z) => z.role)).toEqual(['active', 'standby']);
  });

  it('contrast: a 6 s partition of the standby outlasts the timeout; its session expires at 15.5 s and it rejoins as standby when healed', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn2', 'partition', { durationMs: 6000 });
    w.sim.run(sec(60));
    expect(w.timeline('session-expired').map((r) => r[0])).toEqual([15.5]);
    expect(w.first('zookeeper', 'session-expired')!.data).toMatchObject({ client: 'zkfc-nn2', deleted: [] });
    expect(w.cluster.active?.name).toBe('nn1');
    expect(w.cluster.zkfcs.map((z) => z.role)).toEqual(['active', 'standby']);
  });
});
