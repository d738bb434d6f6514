import { describe, expect, it } from 'vitest';
import { Simulation, sec } from '../../src/kernel/index.js';
import { Dcs } from '../../models/etcd/dcs.js';

describe('etcd-like DCS', () => {
  it('deletes a leased key exactly when its TTL runs out without keepalive', () => {
    const sim = new Simulation({ seed: 1 });
    const dcs = new Dcs(sim);
    const lease = dcs.grant(sec(10));
    expect(dcs.createIfAbsent('/leader', 'a', lease)).toBe(true);
    sim.run(sec(10) - 1);
    expect(dcs.get('/leader')?.value).toBe('a');
    sim.run(sec(10));
    expect(dcs.get('/leader')).toBeUndefined();
    expect(dcs.leaseAlive(lease)).toBe(false);
  });

  it('keepalive pushes the expiry a full TTL past the renewal', () => {
    const sim = new Simulation({ seed: 1 });
    const dcs = new Dcs(sim);
    const lease = dcs.grant(sec(10));
    dcs.put('/k', 'v', lease);
    sim.run(sec(8));
    expect(dcs.keepAlive(lease)).toBe(true);
    sim.run(sec(17));
    expect(dcs.get('/k')?.value).toBe('v');
    sim.run(sec(18));
    expect(dcs.get('/k')).toBeUndefined();
    expect(dcs.keepAlive(lease)).toBe(false);
  });

  it('create-if-absent has exactly one winner and compare-and-set checks the value', () => {
    const sim = new Simulation({ seed: 1 });
    const dcs = new Dcs(sim);
    const wins = ['a', 'b', 'c'].filter((n) => dcs.createIfAbsent('/leader', n));
    expect(wins).toEqual(['a']);
    expect(dcs.compareAndSet('/leader', 'b', 'b')).toBe(false);
    expect(dcs.compareAndSet('/leader', 'a', 'c')).toBe(true);
    expect(dcs.get('/leader')?.value).toBe('c');
    expect(dcs.compareAndSet('/missing', null, 'x')).toBe(true);
    expect(dcs.createIfAbsent('/bad', 'x', 999)).toBe(false);
  });

  it('watches see puts and deletes under their prefix, with increasing revisions', () => {
    const sim = new Simulation({ seed: 1 });
    const dcs = new Dcs(sim);
    const seen: string[] = [];
    const stop = dcs.watch('/svc/', (ev) => seen.push(`${ev.type}:${ev.key}@${ev.revision}`));
    const lease = dcs.grant(sec(1));
    dcs.put('/svc/leader', 'a', lease);
    dcs.put('/other', 'x');
    sim.run(sec(2));
    stop();
    dcs.put('/svc/after', 'y');
    expect(seen).toEqual(['put:/svc/leader@1', 'delete:/svc/leader@3']);
  });

  // server/lease/lessor.go: only the primary lessor (the raft leader) expires
  // leases; Promote(ElectionTimeout()) on a new leader gives every lease its
  // full TTL again plus the election timeout (1 s by default).
  it('expires nothing while etcd has no leader, and a new leader renews every lease to ttl + election timeout', () => {
    const sim = new Simulation({ seed: 1 });
    let leader = true;
    const dcs = new Dcs(sim, 'etcd', () => leader, sec(1));
    const lease = dcs.grant(sec(20));
    dcs.put('/leader', 'pg-0', lease);
    sim.schedule(sec(5), () => { leader = false; });
    sim.schedule(sec(65), () => { leader = true; dcs.promote(); });
    sim.run(sec(64));
    // The lease's own deadline (20 s) passed during the outage: nothing was revoked.
    expect(dcs.get('/leader')?.value).toBe('pg-0');
    sim.run(sec(65) + sec(21) - 1);
    expect(dcs.get('/leader')?.value).toBe('pg-0');
    expect(dcs.leaseDeadline(lease)).toBe(sec(65) + sec(21));
    sim.run(sec(65) + sec(21));
    expect(dcs.get('/leader')).toBeUndefined();
  });
});
