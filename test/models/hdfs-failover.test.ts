import { describe, expect, it } from 'vitest';
import { sec } from '../../src/kernel/time.js';
import { hdfsWorld } from './hdfs-world.js';

// Defaults: health check every 1 s from t = 0, ZooKeeper session 5 s, graceful fence 5 s,
// sshfence connect timeout 30 s, the active writes 100 edits each second, catch-up 100 µs per edit,
// the standby tails every 60 s (first at 60 s), so at 10.5 s it lags 1000 edits = 100 ms of catch-up.

describe('NameNode HA failover (ZKFC, ZooKeeper, fencing, QJM)', () => {
  it('starts with nn1 active (its ZKFC creates the lock first) and nn2 standby', () => {
    const w = hdfsWorld();
    w.sim.run(sec(5));
    expect(w.cluster.active?.name).toBe('nn1');
    expect(w.cluster.zkfcs.map((z) => z.role)).toEqual(['active', 'standby']);
    expect(w.cluster.journals.committedTxId).toBe(500);
  });

  it('timeline 1, process crash: detected at the next health check, lock released at once, graceful fence refused twice 1 s apart, sshfence to the live host, active 1.6 s after the crash', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'crash');
    w.sim.run(sec(30));
    expect(w.timeline('health', 'quit-election', 'lock-acquired', 'fence-graceful', 'fence-method', 'caught-up', 'ha-state', 'became-active').filter((r) => (r[0] as number) > 1)).toEqual([
      [11, 'zkfc-nn1', 'health'], // check at 11 s: connection refused
      [11, 'zkfc-nn1', 'quit-election'], // session closed: the lock goes now, not after 5 s
      [11, 'zkfc-nn2', 'lock-acquired'], // its watch fired
      [12, 'zkfc-nn2', 'fence-graceful'], // refused, one retry after 1 s, refused
      [12, 'zkfc-nn2', 'fence-method'], // sshfence: host answers, nothing listens: fenced
      [12.1, 'nn2', 'caught-up'], // 1000 edits
      [12.1, 'nn2', 'ha-state'],
      [12.1, 'zkfc-nn2', 'became-active'],
    ]);
    expect(w.first('zkfc-nn1', 'quit-election')!.data).toEqual({ releasedLock: true });
    expect(w.first('zkfc-nn2', 'fence-graceful')!.data).toEqual({ target: 'nn1', ok: false });
    expect(w.first('zkfc-nn2', 'fence-method')!.data).toEqual({ target: 'nn1', method: 'sshfence', ok: true });
    expect(w.first('nn2', 'caught-up')!.data).toEqual({ edits: 1000, ms: 100 });
    expect(w.cluster.active?.name).toBe('nn2');
    expect(w.cluster.namenode('nn2').epoch).toBe(2);
  });

  it('a restarted NameNode comes back standby; its ZKFC rejoins and stays standby', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'crash', { restartAfterMs: 5000 });
    w.sim.run(sec(30));
    expect(w.cluster.namenodes.map((n) => n.haState)).toEqual(['standby', 'active']);
    expect(w.cluster.zkfcs.map((z) => z.role)).toEqual(['standby', 'active']);
  });

  it('timeline 2, dead host with sshfence: session expiry (5 s), graceful fence timeout (5 s), ssh connect timeout (30 s), then shell(/bin/true): active 40.1 s after', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'node-crash');
    w.sim.run(sec(80));
    expect(w.timeline('session-expired', 'lock-acquired', 'fence-graceful', 'fence-method', 'became-active').filter((r) => (r[0] as number) > 1)).toEqual([
      [15.5, 'zookeeper', 'session-expired'],
      [15.5, 'zkfc-nn2', 'lock-acquired'],
      [20.5, 'zkfc-nn2', 'fence-graceful'],
      [50.5, 'zkfc-nn2', 'fence-method'], // sshfence fails
      [50.5, 'zkfc-nn2', 'fence-method'], // shell(/bin/true)
      [50.6, 'zkfc-nn2', 'became-active'],
    ]);
    expect(w.first('zookeeper', 'session-expired')!.data).toEqual({ client: 'zkfc-nn1', session: 1, deleted: ['ActiveStandbyElectorLock'] });
    expect(w.records.filter((r) => r.kind === 'fence-method').map((r) => r.data)).toEqual([
      { target: 'nn1', method: 'sshfence', ok: false },
      { target: 'nn1', method: 'shell(/bin/true)', ok: true },
    ]);
  });

  it('the same with the code-default 10 s session: 5 s later', () => {
    const w = hdfsWorld({ zookeeper: { sessionTimeoutMs: 10_000 } });
    w.at(10.5, 'nn1', 'node-crash');
    w.sim.run(sec(80));
    expect(w.first('zkfc-nn2', 'became-active', 2)!.t).toBe(sec(55.6));
  });

  it('sshfence alone on a dead host never succeeds: the ZKFC gives the lock up and retries, nn2 never becomes active', () => {
    const w = hdfsWorld({ zkfc: { fencingMethods: ['sshfence'] } });
    w.at(10.5, 'nn1', 'node-crash');
    w.sim.run(sec(200));
    expect(w.cluster.active).toBeUndefined();
    const failed = w.records.filter((r) => r.kind === 'fence-failed').map((r) => r.t / 1e6);
    // 15.5 + 35 = 50.5; rejoin after 1 s; each round 35 s more
    expect(failed).toEqual([50.5, 86.5, 122.5, 158.5, 194.5]);
  });

  it('a GC pause longer than the 45 s health RPC timeout: not-responding at 56 s, graceful fence times out, sshfence kills the frozen process; active at 61 s', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'hang', { durationMs: 60_000 });
    w.sim.run(sec(90));
    expect(w.first('zkfc-nn1', 'health', 2)!.t).toBe(sec(56));
    expect(w.first('zkfc-nn2', 'fence-graceful')!.t).toBe(sec(61));
    expect(w.first('nn1', 'process-stopped')!).toMatchObject({ t: sec(61), data: { cause: 'killed' } });
    // nn2 tailed the edits at 60 s and the frozen nn1 wrote none since: nothing to catch up
    expect(w.first('nn2', 'caught-up')!.data).toEqual({ edits: 0, ms: 0 });
    expect(w.first('zkfc-nn2', 'became-active')!.t).toBe(sec(61));
  });

  it('a short GC pause (3 s) changes nothing: the health check waits for the answer', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'hang', { durationMs: 3000 });
    w.sim.run(sec(30));
    expect(w.records.filter((r) => r.kind === 'quit-election')).toEqual([]);
    expect(w.cluster.active?.name).toBe('nn1');
  });

  it('epoch fencing: with shell(/bin/true) only, the paused active survives the failover and thinks it is active; its first write after the pause is rejected and it aborts', () => {
    const w = hdfsWorld({ zkfc: { fencingMethods: ['shell(/bin/true)'] } });
    w.at(10.5, 'nn1', 'hang', { durationMs: 60_000 });
    w.sim.run(sec(90));
    expect(w.first('zkfc-nn2', 'became-active')!.t).toBe(sec(61));
    const rejected = w.first('nn1', 'edits-rejected')!;
    expect(rejected.t).toBe(sec(70.5)); // the batch due at 11 s goes out as it resumes
    expect(rejected.data).toMatchObject({ epoch: 1 });
    expect(w.cluster.active?.name).toBe('nn2');
  });

  it('partitioned active: its session expires after 5 s; the graceful fence and sshfence wait out their timeouts; shell(/bin/true) fences; the cut-off NameNode cannot write and aborts', () => {
    const w = hdfsWorld();
    w.at(10.5, 'nn1', 'partition');
    w.sim.run(sec(80));
    expect(w.first('nn1', 'edits-rejected')!.t).toBe(sec(11));
    expect(w.first('zookeeper', 'session-expired')!.t).toBe(sec(15.5));
    expect(w.first('zkfc-nn2', 'became-active')!.t).toBe(sec(50.6));
  });

  it('ZooKeeper down for 20 s: no session expires, the active stays; an expire-session fault on the active ZKFC forces a failover', () => {
    const w = hdfsWorld();
    w.at(10, 'zookeeper', 'down', { durationMs: 20_000 });
    w.sim.run(sec(40));
    expect(w.records.filter((r) => r.kind === 'session-expired')).toEqual([]);
    expect(w.cluster.active?.name).toBe('nn1');
    w.at(40.5, 'zookeeper', 'expire-session', { client: 'zkfc-nn1' });
    w.sim.run(sec(60));
    // nn2 wins, gracefully fences nn1 (alive: transitionToStandby succeeds), becomes active
    expect(w.first('zkfc-nn2', 'fence-graceful')!.data).toEqual({ target: 'nn1', ok: true });
    expect(w.cluster.active?.name).toBe('nn2');
    expect(w.cluster.zkfcs.map((z) => z.role)).toEqual(['standby', 'active']);
  });

  it('JournalNodes: one down is harmless; with two down the active cannot commit and aborts, and no NameNode can take a new epoch', () => {
    const w = hdfsWorld();
    w.at(5.5, 'journalnodes', 'down', { index: 0 });
    w.at(10.5, 'journalnodes', 'down', { index: 1 });
    w.sim.run(sec(20));
    expect(w.first('nn1', 'edits-rejected')!).toMatchObject({ t: sec(11), data: { epoch: 1, committedTxId: 1000 } });
    expect(w.cluster.active).toBeUndefined();
    expect(w.records.filter((r) => r.kind === 'become-active-failed').length).toBeGreaterThan(0);
    w.at(20.5, 'journalnodes', 'up', { index: 1 });
    w.sim.run(sec(30));
    expect(w.cluster.active?.name).toBe('nn2');
  });
});
