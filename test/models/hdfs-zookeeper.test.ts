import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/index.js';
import { sec } from '../../src/kernel/time.js';
import { ZooKeeper, type ZkClient } from '../../models/hdfs/zookeeper.js';
import { hdfsWorld } from './hdfs-world.js';

function client(name: string) {
  const c = { name, reach: true, expired: [] as number[], canReachZk: () => c.reach, sessionExpired: (s: number) => { c.expired.push(s); } };
  return c satisfies ZkClient;
}

describe('ZooKeeper for the ZKFC', () => {
  it('a session whose client goes silent expires one timeout later, its ephemeral lock with it; the watch fires; the persistent breadcrumb stays', () => {
    const sim = new Simulation({ seed: 1 });
    const zk = new ZooKeeper(sim);
    const a = client('a');
    const s = zk.open(a, 5000)!;
    expect(zk.create(s, 'lock', 'a', true)).toBe('ok');
    zk.put('crumb', 'a');
    const fired: number[] = [];
    zk.watchDeletion('lock', () => fired.push(sim.now));
    sim.at(sec(2), () => { a.reach = false; zk.contactChanged(a); });
    sim.run();
    expect(fired).toEqual([sec(7)]);
    expect([zk.isLive(s), zk.get('lock'), zk.get('crumb')]).toEqual([false, null, 'a']);
    expect(a.expired).toEqual([]); // it cannot hear: told when it reconnects
    a.reach = true;
    zk.contactChanged(a);
    sim.run();
    expect(a.expired).toEqual([s]);
  });

  it('contact back before the timeout keeps the session; a close from an unreachable client is lost, but the closed handle stops pinging: expiry 5 s after contact was lost', () => {
    const sim = new Simulation({ seed: 1 });
    const zk = new ZooKeeper(sim);
    const a = client('a');
    const s = zk.open(a, 5000)!;
    zk.create(s, 'lock', 'a', true);
    sim.at(sec(1), () => { a.reach = false; zk.contactChanged(a); zk.close(s); });
    sim.at(sec(4), () => { a.reach = true; zk.contactChanged(a); });
    sim.run(sec(5.9));
    expect([zk.isLive(s), zk.get('lock')]).toEqual([true, 'a']); // the close never arrived: nothing deleted yet
    sim.run();
    expect([zk.isLive(s), zk.get('lock'), sim.now]).toEqual([false, null, sec(6)]);
    expect(a.expired).toEqual([]); // a closed handle is not told
  });

  it('ensemble down: nothing expires; back: a silent client gets a fresh full timeout', () => {
    const sim = new Simulation({ seed: 1 });
    const zk = new ZooKeeper(sim);
    const a = client('a');
    const s = zk.open(a, 5000)!;
    sim.at(sec(1), () => { a.reach = false; zk.contactChanged(a); zk.down(); });
    sim.at(sec(20), () => zk.recover());
    const expiredAt: number[] = [];
    sim.trace.addSink({ record: (r) => { if (r.kind === 'session-expired') expiredAt.push(r.t); } });
    sim.run();
    expect(expiredAt).toEqual([sec(25)]);
    expect(zk.isLive(s)).toBe(false);
  });

  it('fault parameters are checked: hang needs durationMs, expire-session a known ZKFC', () => {
    const w = hdfsWorld();
    expect(() => w.at(1, 'nn1', 'hang')).toThrow(/durationMs/);
    expect(() => w.at(1, 'zookeeper', 'expire-session', { client: 'zkfc-nn9' })).toThrow(/client/);
    expect(w.sim.faults.catalogue().filter((c) => c.target !== 'network')).toEqual([
      { target: 'journalnodes', kinds: ['down', 'up'] },
      { target: 'nn1', kinds: ['crash', 'hang', 'heal', 'node-crash', 'node-recover', 'partition', 'restart'] },
      { target: 'nn2', kinds: ['crash', 'hang', 'heal', 'node-crash', 'node-recover', 'partition', 'restart'] },
      { target: 'zookeeper', kinds: ['down', 'expire-session', 'recover'] },
    ]);
  });
});
