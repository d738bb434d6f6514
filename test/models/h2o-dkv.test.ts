import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec } from '../../src/kernel/index.js';
import { chunkHomeIndex, homeIndex, keyHash } from '../../models/h2o/key-home.js';
import { resendDeadlineMs } from '../../models/h2o/rpc.js';
import type { DkvResult } from '../../models/h2o/dkv.js';
import { h2oWorld, HOP } from './h2o-world.js';

/** Key.java's constructor hash written again with BigInt and explicit 32-bit wrapping: an independent reference. */
function javaJenkins(name: string): number {
  const i32 = (x: bigint) => BigInt.asIntN(32, x);
  let h = 0n;
  for (const u of new TextEncoder().encode(name)) {
    h = i32(h + BigInt(u > 127 ? u - 256 : u));
    h = i32(h + i32(h << 10n));
    h = i32(h ^ (h >> 6n));
  }
  h = i32(h + i32(h << 3n));
  h = i32(h ^ (h >> 11n));
  h = i32(h + i32(h << 15n));
  return Number(h);
}

function keyHomedOn(index: number, size: number): string {
  for (let i = 0; ; i++) if (homeIndex(`k${i}`, size) === index) return `k${i}`;
}

describe('H2O key homes (Key.java)', () => {
  it('the hash is Java int arithmetic: matches a BigInt reference, including negative hashes and non-ASCII bytes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => keyHash(s) === javaJenkins(s)), { numRuns: 100 });
    for (const k of ['', 'a', 'prostate.hex', 'GBM_model_python_1', 'clé-é', '$00ff$frame']) expect(keyHash(k)).toBe(javaJenkins(k));
    expect(keyHash('')).toBe(0);
  });

  it('home = (hash & 0x7FFFFFFF) % cloudSize: deterministic, in range, every node gets a share', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 64 }), (k, n) => {
      const h = homeIndex(k, n);
      return h === homeIndex(k, n) && h >= 0 && h < n && h === (javaJenkins(k) & 0x7fffffff) % n;
    }), { numRuns: 100 });
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[homeIndex(`key-${i}`, 3)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it('chunks go round-robin, then in pairs, fours, eights (Key.D for DVEC keys)', () => {
    const homes = Array.from({ length: 22 }, (_, c) => chunkHomeIndex(c, 3));
    expect(homes).toEqual([0, 1, 2, 0, 0, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0]);
    expect(() => chunkHomeIndex(0, 0)).toThrow();
  });

  it('RPC resend deadlines: RETRY_MS doubled before the first wait, doubling until MAX_TIMEOUT, then every 60 s', () => {
    expect([0, 1, 2, 3, 4, 5].map(resendDeadlineMs)).toEqual([20_000, 40_000, 80_000, 140_000, 200_000, 260_000]);
  });
});

describe('H2O DKV', () => {
  it('a put from another node travels to the home (one round trip), locks the cloud, and any node reads it back', () => {
    const { sim, cloud, dkv } = h2oWorld(3);
    cloud.startAll();
    sim.run(sec(5));
    const key = keyHomedOn(1, 3);
    expect(dkv.homeOf(key)).toBe('h2o-1');
    const t0 = sim.now;
    const got: [number, DkvResult][] = [];
    dkv.put('h2o-0', key, 42, (r) => got.push([sim.now, r]));
    expect(cloud.isLocked).toBe(true);
    sim.run(t0 + ms(10));
    expect(got).toEqual([[t0 + 2 * HOP, { ok: true, value: 42, home: 'h2o-1' }]]);
    expect(dkv.keysAt('h2o-1')).toBe(1);
    expect(dkv.keysAt('h2o-0')).toBe(0);
    dkv.get('h2o-2', key, (r) => got.push([sim.now, r]));
    dkv.get('h2o-1', key, (r) => got.push([sim.now, r]));
    sim.run(sim.now + ms(10));
    expect(got.slice(1).map(([, r]) => r)).toEqual([{ ok: true, value: 42, home: 'h2o-1' }, { ok: true, value: 42, home: 'h2o-1' }]);
  });

  it('a key whose home is cut off fails at the first resend deadline after the home turns unhealthy', () => {
    const { sim, net, cloud, dkv } = h2oWorld(3);
    cloud.startAll();
    sim.at(ms(10_200), () => net.isolate('h2o-2'));
    sim.run(sec(20));
    const key = keyHomedOn(2, 3);
    const got: [number, DkvResult][] = [];
    dkv.put('h2o-0', key, 'v', (r) => got.push([sim.now, r]));
    // Deadlines 20+20, 20+40 s: h2o-2 last heard 10.0005 s, still healthy; 20+80 = 100 s: unhealthy since 70.0005 s.
    sim.run(sec(99));
    expect(got).toEqual([]);
    sim.run(sec(100));
    expect(got).toEqual([[sec(100), { ok: false, error: 'node-lost', home: 'h2o-2' }]]);
    expect(dkv.failures).toBe(1);
  });

  it('before a cloud forms there is no home: the put fails at once with no-cloud', () => {
    const { cloud, dkv } = h2oWorld(3);
    const got: DkvResult[] = [];
    dkv.put('h2o-0', 'k', 1, (r) => got.push(r));
    expect(got).toEqual([{ ok: false, error: 'no-cloud', home: '' }]);
    expect(cloud.isLocked).toBe(false);
  });

  it('a cluster restart loses the in-memory store', () => {
    const { sim, cloud, dkv } = h2oWorld(3);
    cloud.startAll();
    sim.run(sec(5));
    const key = keyHomedOn(0, 3);
    dkv.put('h2o-0', key, 'v', () => {});
    expect(dkv.keysAt('h2o-0')).toBe(1);
    cloud.restartAll(1000);
    sim.run(sec(20));
    const got: DkvResult[] = [];
    dkv.get('h2o-0', key, (r) => got.push(r));
    expect(got).toEqual([{ ok: true, value: undefined, home: 'h2o-0' }]);
  });
});
