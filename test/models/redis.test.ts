import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { Network } from '../../models/net/network.js';
import { OOM_ERROR, type RedisCommand, type RedisReply } from '../../models/redis/commands.js';
import { entryBytes } from '../../models/redis/memory.js';
import { RedisClient } from '../../models/redis/redis-client.js';
import { RedisServer, type RedisOptions } from '../../models/redis/redis-server.js';
import { wait } from '../../src/kernel/wait.js';

function setup(o: Partial<RedisOptions> = {}, seed: number | string = 1) {
  const sim = new Simulation({ seed });
  const net = new Network(sim);
  const server = new RedisServer(sim, net, 'redis', { maxmemoryBytes: 0, maxmemoryPolicy: 'noeviction', persistence: 'none', ...o });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => { if (r.source === 'redis') records.push(r); } });
  const x = (cmd: RedisCommand): RedisReply => server.exec(cmd);
  /** Runs `fn` at `tMs` of virtual time. */
  const at = (tMs: number, fn: () => void) => sim.at(ms(tMs), fn);
  return { sim, net, server, records, x, at };
}

const ok = (value: string | number | null): RedisReply => ({ ok: true, value });
const err = (error: string): RedisReply => ({ ok: false, error });

describe('redis: counters', () => {
  it('DECR is atomic, starts a missing key at 0 and goes below zero', () => {
    const { x } = setup();
    expect(x({ op: 'decr', key: 'fresh' })).toEqual(ok(-1));
    x({ op: 'set', key: 'stock', value: '2' });
    expect([1, 2, 3].map(() => x({ op: 'decr', key: 'stock' }))).toEqual([ok(1), ok(0), ok(-1)]);
    expect(x({ op: 'get', key: 'stock' })).toEqual(ok('-1'));
    expect(x({ op: 'incrby', key: 'stock', by: 11 })).toEqual(ok(10));
    expect(x({ op: 'decrby', key: 'stock', by: 25 })).toEqual(ok(-15));
    expect(x({ op: 'incr', key: 'stock' })).toEqual(ok(-14));
  });

  it('refuses values that are not 64-bit integers, and overflow', () => {
    const { x } = setup();
    const notInt = err('ERR value is not an integer or out of range');
    for (const value of ['abc', ' 1', '01', '+1', '-0', '1.5', '', '9223372036854775808']) {
      x({ op: 'set', key: 'k', value });
      expect(x({ op: 'incr', key: 'k' }), value).toEqual(notInt);
      expect(x({ op: 'get', key: 'k' })).toEqual(ok(value)); // unchanged
    }
    expect(x({ op: 'incrby', key: 'n', by: 1.5 })).toEqual(notInt);
    x({ op: 'set', key: 'max', value: '9223372036854775807' });
    expect(x({ op: 'incr', key: 'max' })).toEqual(err('ERR increment or decrement would overflow'));
    x({ op: 'set', key: 'min', value: '-9223372036854775808' });
    expect(x({ op: 'decr', key: 'min' })).toEqual(err('ERR increment or decrement would overflow'));
  });

  it('INCR and DECR keep the TTL; SET replaces it', () => {
    const { sim, x } = setup();
    x({ op: 'set', key: 'c', value: '5', exMs: 10_000 });
    sim.run(sec(3));
    expect(x({ op: 'incr', key: 'c' })).toEqual(ok(6));
    expect(x({ op: 'decrby', key: 'c', by: 2 })).toEqual(ok(4));
    expect(x({ op: 'pttl', key: 'c' })).toEqual(ok(7000));
    sim.run(sec(10));
    expect(x({ op: 'get', key: 'c' })).toEqual(ok('4'));
    sim.run(sec(10) + 1);
    expect(x({ op: 'get', key: 'c' })).toEqual(ok(null));
    expect(x({ op: 'decr', key: 'c' })).toEqual(ok(-1)); // a new key, without TTL
    expect(x({ op: 'pttl', key: 'c' })).toEqual(ok(-1));
    x({ op: 'set', key: 't', value: 'a', exMs: 5000 });
    x({ op: 'set', key: 't', value: 'b' });
    expect(x({ op: 'pttl', key: 't' })).toEqual(ok(-1));
    expect(x({ op: 'pttl', key: 'nope' })).toEqual(ok(-2));
  });
});

describe('redis: SET NX and expiry', () => {
  it('SET NX blocks while the key lives and succeeds once its TTL has passed (passive expiry)', () => {
    const { sim, x, server } = setup({ hz: 1 });
    expect(x({ op: 'set', key: 'idem:1', value: 'a', nx: true, exMs: 1000 })).toEqual(ok('OK'));
    expect(x({ op: 'set', key: 'idem:1', value: 'b', nx: true, exMs: 1000 })).toEqual(ok(null));
    expect(x({ op: 'get', key: 'idem:1' })).toEqual(ok('a'));
    sim.run(ms(1000)); // still alive at exactly its expiry time (now > expiry expires)
    expect(x({ op: 'exists', key: 'idem:1' })).toEqual(ok(1));
    sim.run(ms(1000) + 1);
    const expiredBefore = server.stats.expiredKeys;
    expect(x({ op: 'set', key: 'idem:1', value: 'late', nx: true, exMs: 1000 })).toEqual(ok('OK'));
    expect(server.stats.expiredKeys).toBe(expiredBefore + 1); // the SET's lookup removed it
    expect(x({ op: 'get', key: 'idem:1' })).toEqual(ok('late'));
    expect(x({ op: 'set', key: 'k', value: 'v', exMs: 0 })).toEqual(err("ERR invalid expire time in 'set' command"));
  });

  it('DEL of an expired key removes nothing; DEL of a live key returns 1', () => {
    const { sim, x } = setup({ hz: 1 });
    x({ op: 'set', key: 'a', value: '1', exMs: 10 });
    x({ op: 'set', key: 'b', value: '1' });
    sim.run(ms(20));
    expect(x({ op: 'del', key: 'a' })).toEqual(ok(0));
    expect(x({ op: 'del', key: 'b' })).toEqual(ok(1));
    expect(x({ op: 'del', key: 'b' })).toEqual(ok(0));
  });

  it('active expiry frees the memory of keys nobody reads within about a second', () => {
    const { sim, x, server } = setup();
    for (let i = 0; i < 1000; i++) x({ op: 'set', key: `session:${i}`, value: 'x'.repeat(100), exMs: 500 });
    for (let i = 0; i < 100; i++) x({ op: 'set', key: `keep:${i}`, value: 'y' });
    const keepBytes = 100 * entryBytes('keep:00', 'y') - 10 * 1; // keep:0..keep:9 are one character shorter
    sim.run(ms(550));
    // Expired but not yet collected: invisible to clients, still in memory.
    expect(server.keys()).toHaveLength(100);
    expect(server.usedMemoryBytes).toBeGreaterThan(keepBytes + 1000 * 100);
    sim.run(ms(1500));
    expect(server.usedMemoryBytes).toBe(keepBytes);
    expect(server.stats.expiredKeys).toBe(1000);
  });

  it('a minority of expired keys among live volatile ones is mostly collected, a small remainder may linger', () => {
    const { sim, x, server } = setup();
    for (let i = 0; i < 1000; i++) x({ op: 'set', key: `k:${i}`, value: 'v', exMs: i % 2 === 0 ? 500 : 3_600_000 });
    sim.run(sec(3));
    const stale = server.keys().length === 500 ? (server.usedMemoryBytes - 500 * entryBytes('k:1', 'v')) : NaN;
    expect(server.keys()).toHaveLength(500);
    expect(server.stats.expiredKeys).toBeGreaterThan(450);
    expect(stale).toBeGreaterThanOrEqual(0);
    expect(stale / entryBytes('k:1', 'v')).toBeLessThan(50); // under 10 % of the 500 stale ones
  });
});

describe('redis: the active expiry cursor', () => {
  it('a stale key nobody reads is found within one pass of the cursor after it expires: 100 keys, 20 a cycle, 5 ticks', () => {
    // 100 keys with a TTL; k:7, k:50 and k:93 expire at 150 ms, the rest an hour later. Cycles look at 20
    // keys (one stale key in 20 is under 10 %: one loop), so one pass over the keys takes 5 ticks.
    //   100 ms: nothing has expired, so no cycle runs; the 200 ms cycle first moves the cursor on by the
    //           20 keys the skipped one would have looked at, then looks at positions 20-39
    //   300 ms: 40-59 finds k:50; the last key (k:99) takes its place and is looked at next
    //   400 ms: 59-78;  500 ms: 79-98 finds k:93;  600 ms: wraps to 0-19 and finds k:7
    // Every stale key is gone within 5 ticks of its expiry (200-600 ms), as with Redis's dictScan cursor.
    const { sim, x, server } = setup();
    for (let i = 0; i < 100; i++) x({ op: 'set', key: `k:${i}`, value: 'v', exMs: [7, 50, 93].includes(i) ? 150 : 3_600_000 });
    const expiredAt: number[] = [];
    let seen = 0;
    for (let t = 100; t <= 700; t += 100) sim.at(ms(t) + 1, () => { const n = server.stats.expiredKeys; for (; seen < n; seen++) expiredAt.push(t); });
    sim.run(ms(800));
    expect(expiredAt).toEqual([300, 500, 600]);
    expect(server.keys()).toHaveLength(97);
  });
});

describe('redis: maxmemory', () => {
  it('noeviction: writes get OOM (INCR of an existing key too), reads and DEL keep working', () => {
    const { sim, x, server, records } = setup({ maxmemoryBytes: 2000 });
    x({ op: 'set', key: 'stock', value: '100' });
    let written = 0;
    for (let i = 0; i < 100; i++) {
      const r = x({ op: 'set', key: `key:${i}`, value: 'x'.repeat(100) });
      if (!r.ok) { expect(r).toEqual(err(OOM_ERROR)); break; }
      written++;
    }
    expect(written).toBeGreaterThan(5);
    expect(server.usedMemoryBytes).toBeGreaterThan(2000);
    expect(x({ op: 'get', key: 'key:0' })).toEqual(ok('x'.repeat(100)));
    expect(x({ op: 'exists', key: 'key:1' })).toEqual(ok(1));
    expect(x({ op: 'pttl', key: 'key:1' })).toEqual(ok(-1));
    expect(x({ op: 'decr', key: 'stock' })).toEqual(err(OOM_ERROR));
    expect(x({ op: 'set', key: 'idem:1', value: '1', nx: true, exMs: 60_000 })).toEqual(err(OOM_ERROR));
    expect(x({ op: 'del', key: 'key:0' })).toEqual(ok(1));
    expect(x({ op: 'del', key: 'key:1' })).toEqual(ok(1));
    expect(server.usedMemoryBytes).toBeLessThanOrEqual(2000);
    expect(x({ op: 'decr', key: 'stock' })).toEqual(ok(99));
    // Trace: the first rejection at once, the next two summed a second later.
    sim.run(sec(2));
    const oom = records.filter((r) => r.kind === 'oom');
    expect(oom.map((r) => [r.t, r.data?.['count']])).toEqual([[0, 1], [sec(1), 2]]);
    expect(server.stats.oomRejections).toBe(3);
  });

  it('allkeys-lru evicts the least recently used keys; a key just read survives', () => {
    const { sim, x, server, at, records } = setup({ maxmemoryBytes: 100 * entryBytes('k:000', 'v'.repeat(35)), maxmemoryPolicy: 'allkeys-lru' });
    const name = (p: string, i: number) => `${p}:${String(i).padStart(3, '0')}`;
    for (let i = 0; i < 100; i++) at(i, () => x({ op: 'set', key: name('k', i), value: 'v'.repeat(35) }));
    at(200, () => x({ op: 'get', key: 'k:000' })); // the oldest key becomes the most recently used
    for (let i = 0; i < 50; i++) at(300 + i, () => expect(x({ op: 'set', key: name('n', i), value: 'v'.repeat(35) }).ok).toBe(true));
    sim.run(sec(2));
    const keys = new Set(server.keys());
    expect(keys.has('k:000')).toBe(true);
    for (let i = 0; i < 50; i++) expect(keys.has(name('n', i))).toBe(true);
    const evicted = (from: number, to: number) => { let n = 0; for (let i = from; i < to; i++) if (!keys.has(name('k', i))) n++; return n; };
    expect(server.stats.evictedKeys).toBe(49);
    // Approximate LRU: the older half loses far more keys than the newer half.
    expect(evicted(1, 50)).toBeGreaterThan(35);
    expect(evicted(50, 100)).toBeLessThan(14);
    expect(server.usedMemoryBytes).toBeLessThanOrEqual(100 * entryBytes('k:000', 'v'.repeat(35)) + entryBytes('n:000', 'v'.repeat(35)));
    const ev = records.filter((r) => r.kind === 'evicted');
    expect(ev[0]?.data?.['count']).toBe(1);
    expect(ev.reduce((s, r) => s + Number(r.data?.['count']), 0)).toBe(49);
    expect(ev.length).toBe(2); // one at the first eviction, one summing the rest a second later
  });

  it('volatile-lru with no key that has a TTL cannot evict: OOM', () => {
    const { x } = setup({ maxmemoryBytes: 500, maxmemoryPolicy: 'volatile-lru' });
    for (let i = 0; i < 10; i++) x({ op: 'set', key: `p:${i}`, value: 'x'.repeat(50) });
    expect(x({ op: 'set', key: 'another', value: '1' })).toEqual(err(OOM_ERROR));
  });

  it('volatile-ttl evicts the keys closest to expiry and leaves keys without TTL alone', () => {
    const { x, server } = setup({ maxmemoryBytes: 10 * entryBytes('t:0', 'x'), maxmemoryPolicy: 'volatile-ttl' });
    for (let i = 0; i < 5; i++) x({ op: 'set', key: `p:${i}`, value: 'x' });
    for (let i = 0; i < 5; i++) x({ op: 'set', key: `t:${i}`, value: 'x', exMs: 10_000 * (i + 1) });
    x({ op: 'set', key: 'new:1', value: 'x' });
    x({ op: 'set', key: 'new:2', value: 'x' });
    expect(server.keys()).toEqual(['new:1', 'new:2', 'p:0', 'p:1', 'p:2', 'p:3', 'p:4', 't:2', 't:3', 't:4']);
  });

  it('allkeys-random keeps memory at the limit', () => {
    const { x, server } = setup({ maxmemoryBytes: 5000, maxmemoryPolicy: 'allkeys-random' });
    for (let i = 0; i < 500; i++) expect(x({ op: 'set', key: `r:${i}`, value: 'x'.repeat(20) }).ok).toBe(true);
    expect(server.usedMemoryBytes).toBeLessThanOrEqual(5000 + entryBytes('r:000', 'x'.repeat(20)));
    expect(server.stats.evictedKeys).toBeGreaterThan(400);
  });

  it('fill-memory of maxmemory bytes under noeviction pushes the app into OOM', () => {
    const { sim, x, server, records } = setup({ maxmemoryBytes: 100_000 });
    x({ op: 'set', key: 'stock', value: '10' });
    sim.faults.inject({ at: 0, target: 'redis', kind: 'fill-memory', params: { bytes: 100_000 } });
    expect(server.usedMemoryBytes).toBeGreaterThan(100_000);
    expect(records.find((r) => r.kind === 'fill-memory')?.data).toMatchObject({ keys: 92, oom: false });
    expect(x({ op: 'decr', key: 'stock' })).toEqual(err(OOM_ERROR));
    expect(x({ op: 'set', key: 'idem:1', value: '1', nx: true, exMs: 60_000 })).toEqual(err(OOM_ERROR));
    expect(x({ op: 'get', key: 'stock' })).toEqual(ok('10'));
  });

  it('a fill larger than the room left stops at its first OOM, just over the limit', () => {
    const { sim, server, records } = setup({ maxmemoryBytes: 100_000 });
    sim.faults.inject({ at: 0, target: 'redis', kind: 'fill-memory', params: { bytes: 1_000_000 } });
    expect(server.usedMemoryBytes).toBeGreaterThan(100_000);
    expect(server.usedMemoryBytes).toBeLessThanOrEqual(100_000 + entryBytes('fill:100', 'x'.repeat(1024)));
    expect(records.find((r) => r.kind === 'fill-memory')?.data).toMatchObject({ oom: true });
  });

  it('fill-memory under allkeys-lru evicts older keys instead', () => {
    const { sim, x, server } = setup({ maxmemoryBytes: 100_000, maxmemoryPolicy: 'allkeys-lru' });
    for (let i = 0; i < 50; i++) x({ op: 'set', key: `app:${i}`, value: 'v'.repeat(100) });
    sim.run(ms(10));
    sim.faults.inject({ at: 0, target: 'redis', kind: 'fill-memory', params: { bytes: 200_000 } });
    expect(server.keys().filter((k) => k.startsWith('app:')).length).toBeLessThan(5);
    expect(server.usedMemoryBytes).toBeLessThanOrEqual(100_000 + entryBytes('fill:100', 'x'.repeat(1024)));
    expect(x({ op: 'set', key: 'app:new', value: '1' })).toEqual(ok('OK'));
  });

  it('fill-memory as overhead is not evictable and goes with the process', () => {
    const { sim, server, x } = setup({ maxmemoryBytes: 10_000, maxmemoryPolicy: 'allkeys-lru' });
    x({ op: 'set', key: 'a', value: '1' });
    sim.faults.inject({ at: 0, target: 'redis', kind: 'fill-memory', params: { bytes: 20_000, as: 'overhead' } });
    expect(x({ op: 'set', key: 'b', value: '1' })).toEqual(err(OOM_ERROR)); // evicted 'a', still over
    expect(server.keys()).toEqual([]);
    server.restart();
    expect(server.usedMemoryBytes).toBe(0);
    expect(x({ op: 'set', key: 'b', value: '1' })).toEqual(ok('OK'));
  });
});

describe('redis: crash and persistence', () => {
  /** Writes w:<i> every 10 ms from 5 ms on, crashes at `crashMs`, restarts, returns the surviving indexes. */
  function crashRun(o: Partial<RedisOptions>, crashMs: number, crash: { pageCacheSurvives?: boolean } = {}) {
    const s = setup(o);
    for (let i = 0; i * 10 + 5 < crashMs; i++) s.at(i * 10 + 5, () => expect(s.x({ op: 'set', key: `w:${i}`, value: String(i) }).ok).toBe(true));
    s.at(crashMs, () => s.server.crash(crash));
    s.sim.run(ms(crashMs + 1));
    expect(s.server.up).toBe(false);
    expect(s.x({ op: 'get', key: 'w:0' })).toEqual(err('ECONNREFUSED'));
    s.server.restart();
    const written = Math.ceil((crashMs - 5) / 10);
    const kept = new Set(s.server.keys().map((k) => Number(k.slice(2))));
    return { ...s, written, kept };
  }

  it('none: a crash loses everything', () => {
    const { kept, written, records } = crashRun({ persistence: 'none' }, 3000);
    expect(written).toBe(300);
    expect(kept.size).toBe(0);
    expect(records.find((r) => r.kind === 'restart')?.data).toMatchObject({ keys: 0 });
  });

  it('aof-everysec: loses at most the last second of writes, keeps everything older', () => {
    const crashMs = 5555;
    const { kept, written } = crashRun({ persistence: 'aof-everysec' }, crashMs);
    const lost: number[] = [];
    for (let i = 0; i < written; i++) if (!kept.has(i)) lost.push(i);
    expect(lost.length).toBeGreaterThan(0);
    for (const i of lost) expect(i * 10 + 5).toBeGreaterThan(crashMs - 1000);
    for (let i = 0; i < written; i++) if (i * 10 + 5 <= crashMs - 1000) expect(kept.has(i)).toBe(true);
    expect(lost.length).toBe(55); // the fsync at 5 s covered everything before it
  });

  it('aof-everysec: if only the process dies, the page cache still reaches the disk', () => {
    const { kept, written } = crashRun({ persistence: 'aof-everysec' }, 5555, { pageCacheSurvives: true });
    expect(kept.size).toBe(written);
  });

  it('aof-always: loses no acknowledged write', () => {
    const { kept, written } = crashRun({ persistence: 'aof-always' }, 4321);
    expect(kept.size).toBe(written);
  });

  it('aof keeps deletions and counter values, and drops keys that expired while down', () => {
    const { sim, x, server, records } = setup({ persistence: 'aof-always' });
    x({ op: 'set', key: 'stock', value: '10' });
    x({ op: 'decrby', key: 'stock', by: 3 });
    x({ op: 'set', key: 'gone', value: '1' });
    x({ op: 'del', key: 'gone' });
    x({ op: 'set', key: 'idem', value: '1', exMs: 2000 });
    sim.run(sec(1));
    server.crash();
    sim.run(sec(3));
    server.restart();
    expect(server.keys()).toEqual(['stock']);
    expect(x({ op: 'get', key: 'stock' })).toEqual(ok('7'));
    expect(records.find((r) => r.kind === 'restart')?.data).toMatchObject({ keys: 1, expiredOnLoad: 1, graceful: false });
  });

  it('rdb: a snapshot after a save point; a crash loses the writes since', () => {
    const { sim, x, server, at, records } = setup({ persistence: 'rdb' });
    for (let i = 0; i < 150; i++) at(i * 100, () => x({ op: 'set', key: `a:${i}`, value: String(i) }));
    for (let i = 0; i < 5; i++) at(310_000 + i, () => x({ op: 'set', key: `b:${i}`, value: String(i) }));
    at(320_000, () => server.crash());
    sim.run(sec(321));
    const saves = records.filter((r) => r.kind === 'rdb-save');
    // 150 changes: the "300 s and 100 changes" point fires once more than 300 s have passed.
    expect(saves).toHaveLength(1);
    expect(saves[0]!.t).toBeGreaterThan(sec(301)); // started at 301 s, plus the child's write time
    expect(saves[0]!.t).toBeLessThan(sec(301) + ms(1));
    expect(saves[0]!.data).toMatchObject({ keys: 150, changes: 150 });
    server.restart();
    expect(server.keys()).toHaveLength(150);
    expect(server.keys().some((k) => k.startsWith('b:'))).toBe(false);
  });

  it('rdb: a clean restart saves first and loses nothing; without persistence it starts empty', () => {
    const a = setup({ persistence: 'rdb' });
    a.x({ op: 'set', key: 'k', value: 'v' });
    a.sim.faults.inject({ at: 0, target: 'redis', kind: 'restart' });
    expect(a.server.keys()).toEqual(['k']);
    const b = setup({ persistence: 'none' });
    b.x({ op: 'set', key: 'k', value: 'v' });
    b.server.restart();
    expect(b.server.keys()).toEqual([]);
  });

  it('the crash fault with restartAfterMs brings the process back, and onRestart hooks run', () => {
    const { sim, server, records } = setup({ persistence: 'aof-always' });
    server.exec({ op: 'set', key: 'k', value: 'v' });
    let hooks = 0;
    server.onRestart(() => hooks++);
    sim.faults.schedule([{ at: sec(1), target: 'redis', kind: 'crash', params: { restartAfterMs: 2000 } }]);
    sim.run(sec(2));
    expect(server.up).toBe(false);
    sim.run(sec(3));
    expect(server.up).toBe(true);
    expect(hooks).toBe(1);
    expect(server.keys()).toEqual(['k']);
    expect(records.filter((r) => r.kind === 'crash' || r.kind === 'restart').map((r) => [r.kind, r.t])).toEqual([['crash', sec(1)], ['restart', sec(3)]]);
  });
});

describe('redis: client', () => {
  it('answers through the network; ECONNREFUSED after a round trip when down; timeout when partitioned', () => {
    const { sim, net, server } = setup();
    net.addHost('app');
    const client = new RedisClient(sim, net, 'app', server, { timeoutMs: 500 });
    const seen: { reply: RedisReply; tookUs: number }[] = [];
    sim.process((function* () {
      const run = function* (cmd: RedisCommand) {
        const start = sim.now;
        const reply = yield* wait(client.command(cmd));
        seen.push({ reply, tookUs: sim.now - start });
      };
      yield* run({ op: 'set', key: 'k', value: 'v' });
      server.crash();
      yield* run({ op: 'get', key: 'k' });
      server.restart();
      net.isolate('redis');
      yield* run({ op: 'set', key: 'k', value: 'w' });
      net.heal();
      yield* run({ op: 'incr', key: 'n' });
    })());
    sim.run(sec(5));
    expect(seen.map((s) => s.reply)).toEqual([ok('OK'), err('ECONNREFUSED'), err('timeout'), ok(1)]);
    expect(seen[1]!.tookUs).toBeGreaterThan(0);
    expect(seen[1]!.tookUs).toBeLessThan(ms(20));
    expect(seen[2]!.tookUs).toBe(ms(500));
  });
});

describe('redis: determinism', () => {
  it('the same seed gives the same trace, evictions and expiries included', () => {
    const run = (seed: number) => {
      const { sim, x, at, server } = setup({ maxmemoryBytes: 20_000, maxmemoryPolicy: 'allkeys-lru', persistence: 'aof-everysec' }, seed);
      const rng = sim.rng('test-load');
      for (let i = 0; i < 3000; i++) at(i, () => {
        const key = `k:${rng.int(0, 400)}`;
        if (rng.bernoulli(0.5)) x({ op: 'set', key, value: 'x'.repeat(rng.int(1, 80)), exMs: rng.int(100, 2000) });
        else x({ op: 'get', key });
      });
      at(2000, () => server.crash());
      at(2500, () => server.restart());
      sim.run(sec(5));
      return { digest: sim.trace.digestHex, keys: server.keys().join(','), stats: server.stats };
    };
    const a = run(7), b = run(7);
    expect(a).toEqual(b);
    expect(a.stats.evictedKeys).toBeGreaterThan(0);
  });
});
