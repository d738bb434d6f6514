import { describe, expect, it } from 'vitest';
import { sec, Simulation } from '../../src/kernel/index.js';
import { Flock } from '../../models/file-lock/flock.js';
import { LockFile } from '../../models/file-lock/lock-file.js';
import { lockFileVerdict } from '../../models/file-lock/lock-file-rule.js';

describe('flock (fs2 lock_exclusive / try_lock_exclusive)', () => {
  it('lock_exclusive blocks until the holder lets go; try_lock_exclusive fails at once (EWOULDBLOCK)', () => {
    const lock = new Flock();
    const got: string[] = [];
    lock.lockExclusive('a', () => got.push('a'));
    lock.lockExclusive('b', () => got.push('b'));
    expect(lock.tryLockExclusive('c')).toBe(false);
    expect([got, lock.holder, lock.waiting]).toEqual([['a'], 'a', ['b']]);
    lock.unlock('a');
    expect([got, lock.holder]).toEqual([['a', 'b'], 'b']);
  });

  it('the holder dies: the kernel closes its descriptor and the waiter gets the lock at that instant', () => {
    const lock = new Flock();
    const got: string[] = [];
    lock.lockExclusive('a', () => got.push('a'));
    lock.lockExclusive('b', () => got.push('b'));
    lock.lockExclusive('c', () => got.push('c'));
    lock.processExited('b'); // a waiter that dies stops waiting
    lock.processExited('a');
    expect([got, lock.holder]).toEqual([['a', 'c'], 'c']);
  });
});

describe('lock file (the variant: the file is the lock)', () => {
  it('verdicts: absent → create, own → own, younger than the stale timeout → busy, at it → break', () => {
    const f = { owner: 'a', touchedAt: sec(5) };
    expect([lockFileVerdict(null, 'b', 0, sec(10)), lockFileVerdict(f, 'a', sec(100), sec(10)), lockFileVerdict(f, 'b', sec(14.999), sec(10)), lockFileVerdict(f, 'b', sec(15), sec(10))])
      .toEqual(['create', 'own', 'busy', 'break-stale']);
  });

  it('a crashed holder leaves the file: the next process polls until it is removed by hand (no stale timeout)', () => {
    const sim = new Simulation({ seed: 1 });
    const lock = new LockFile(sim, 'lockfile');
    let grantedAt = -1;
    lock.tryLockExclusive('a');
    sim.at(sec(5), () => lock.processExited('a'));
    sim.at(sec(5), () => lock.lockExclusive('b', () => { grantedAt = sim.now; }));
    sim.faults.schedule([{ at: sec(59.5), target: 'lockfile', kind: 'remove-lock-file' }]);
    sim.run(sec(100));
    expect(grantedAt).toBe(sec(60)); // polls at 6, 7, … 60 s
    expect(lock.holder).toBe('b');
  });

  it('with a stale timeout of 10 s the waiter breaks the dead holder’s file 10 s after it was written', () => {
    const sim = new Simulation({ seed: 1 });
    const lock = new LockFile(sim, 'lockfile', { staleAfterMs: 10_000 });
    let grantedAt = -1;
    lock.tryLockExclusive('a');
    sim.at(sec(1), () => lock.processExited('a'));
    sim.at(sec(2), () => lock.lockExclusive('b', () => { grantedAt = sim.now; }));
    sim.run(sec(100));
    expect([grantedAt, lock.staleBreaks]).toEqual([sec(10), 1]);
  });

  it('a stale timeout without refreshes also breaks a live holder’s lock; refreshing every 2 s keeps it', () => {
    function waiterGets(refreshMs: number): number {
      const sim = new Simulation({ seed: 1 });
      const lock = new LockFile(sim, 'lockfile', { staleAfterMs: 10_000, refreshMs });
      let grantedAt = -1;
      lock.tryLockExclusive('a');
      lock.lockExclusive('b', () => { grantedAt = sim.now; });
      sim.run(sec(60));
      return grantedAt;
    }
    expect(waiterGets(0)).toBe(sec(10));
    expect(waiterGets(2000)).toBe(-1);
  });
});
