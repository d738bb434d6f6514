import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/kernel/rng.js';
import { createRetryPolicy, type RetryPolicy } from '../../models/retry/retry-policy.js';
import { brookerSimulatorPolicy } from '../../models/retry/retry-presets.js';

/**
 * Brooker, "Exponential Backoff And Jitter" (2015): the jitter formulas'
 * means against their closed forms, and a tiny port of the post's OCC
 * simulator (aws-samples/aws-arch-backoff-simulator src/backoff_simulator.py)
 * to check the qualitative ordering the post reports. Plain loops, no
 * failsim kernel.
 */

/** Mean of n delays before the same attempt, from one stream. */
function meanDelay(p: RetryPolicy, attempt: number, n: number, seed: number): number {
  const rng = new RandomStream(seed, 'means');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += p.delayBefore(attempt, 0, rng)!;
  return sum / n;
}

describe('jitter means against closed forms', () => {
  const N = 20_000;
  // v = expo(n) for retry 4: 100 ms * 2^3 = 800 ms, in µs.
  const v = 800_000;
  // 5 standard errors of the mean, plus 1 µs for flooring to whole µs.
  const tolerance = (sd: number) => (5 * sd) / Math.sqrt(N) + 1;

  it('full jitter: mean expo/2, sd expo/sqrt(12)', () => {
    const m = meanDelay(createRetryPolicy('full-jitter', { maxAttempts: 10 }), 5, N, 1);
    expect(Math.abs(m - v / 2)).toBeLessThan(tolerance(v / Math.sqrt(12)));
  });

  it('equal jitter: mean 3/4 expo, sd (expo/2)/sqrt(12)', () => {
    const m = meanDelay(createRetryPolicy('equal-jitter', { maxAttempts: 10 }), 5, N, 2);
    expect(Math.abs(m - (3 * v) / 4)).toBeLessThan(tolerance(v / 2 / Math.sqrt(12)));
  });

  it('decorrelated jitter, first retry: U(base, 3 base), mean 2 base', () => {
    const base = 100_000;
    const m = meanDelay(createRetryPolicy('decorrelated-jitter', { maxAttempts: 10 }), 2, N, 3);
    expect(Math.abs(m - 2 * base)).toBeLessThan(tolerance((2 * base) / Math.sqrt(12)));
  });

  it('and the tolerance is tight enough to catch a wrong formula (equal jitter is not full jitter)', () => {
    const m = meanDelay(createRetryPolicy('equal-jitter', { maxAttempts: 10 }), 5, N, 2);
    expect(Math.abs(m - v / 2)).toBeGreaterThan(10 * tolerance(v / Math.sqrt(12)));
  });
});

interface Msg { t: number; client: number; kind: 'read' | 'readRsp' | 'write' | 'writeRsp'; payload: number | boolean }

/**
 * One run of backoff_simulator.py: `clients` clients each read a row's
 * version and write it back once (optimistic concurrency); a write with a
 * stale version fails and the client backs off, then reads again. One-way
 * delay |N(10 ms, 2 ms)|. Each client has one message in flight, so the
 * "queue" is a list scanned for its earliest message.
 */
function runOcc(clients: number, policy: RetryPolicy, seed: number): { calls: number; timeMs: number } {
  const net = new RandomStream(seed, 'net'), backoffRng = new RandomStream(seed, 'backoff');
  const delay = () => Math.abs(net.normal(10, 2));
  const attempts = new Array<number>(clients).fill(0), previous = new Array<number>(clients).fill(0);
  const queue: Msg[] = Array.from({ length: clients }, (_, c) => ({ t: delay(), client: c, kind: 'read', payload: 0 }));
  let version = 0, calls = 0, t = 0;
  while (queue.length > 0) {
    let k = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i]!.t < queue[k]!.t) k = i;
    const m = queue.splice(k, 1)[0]!;
    t = m.t;
    const c = m.client;
    if (m.kind === 'read') queue.push({ t: t + delay(), client: c, kind: 'readRsp', payload: version });
    else if (m.kind === 'readRsp') queue.push({ t: t + delay(), client: c, kind: 'write', payload: m.payload });
    else if (m.kind === 'write') {
      calls++;
      const ok = m.payload === version;
      if (ok) version++;
      queue.push({ t: t + delay(), client: c, kind: 'writeRsp', payload: ok });
    } else if (m.payload === false) {
      // The simulator's attempt counts failures from 1; attempt 1 is our attempt 2 (the first retry).
      attempts[c]!++;
      const d = policy.delayBefore(attempts[c]! + 1, previous[c]!, backoffRng)!;
      previous[c] = d;
      queue.push({ t: t + delay() + d / 1000, client: c, kind: 'read', payload: 0 });
    }
  }
  return { calls, timeMs: t };
}

function average(policy: RetryPolicy, clients: number, runs: number) {
  let calls = 0, timeMs = 0;
  for (let s = 0; s < runs; s++) {
    const r = runOcc(clients, policy, s);
    calls += r.calls;
    timeMs += r.timeMs;
  }
  return { calls: calls / runs, timeMs: timeMs / runs };
}

describe("Brooker's simulator, ported: the post's ordering (20 clients, 100 runs)", () => {
  const expo = average(brookerSimulatorPolicy('exponential'), 20, 100);
  const full = average(brookerSimulatorPolicy('full-jitter'), 20, 100);
  const equal = average(brookerSimulatorPolicy('equal-jitter'), 20, 100);
  const decorr = average(brookerSimulatorPolicy('decorrelated-jitter'), 20, 100);

  it('exponential backoff without jitter is worst on both work and time', () => {
    for (const other of [full, equal, decorr]) {
      expect(expo.calls).toBeGreaterThan(1.2 * other.calls);
      expect(expo.timeMs).toBeGreaterThan(3 * other.timeMs);
    }
  });

  it('full jitter does the least work; decorrelated makes more calls; equal jitter takes longer than full', () => {
    expect(full.calls).toBeLessThan(decorr.calls);
    expect(full.calls).toBeLessThanOrEqual(equal.calls);
    expect(equal.timeMs).toBeGreaterThan(full.timeMs);
  });

  it('decorrelated jitter finishes sooner than full jitter', () => {
    expect(decorr.timeMs).toBeLessThan(full.timeMs);
  });

  it("matches the reference sheet's re-run of the Python simulator (semantics.md 6.1, 20 clients) within 10 %", () => {
    const rerun = { expo: [151, 14_800], decorr: [102, 800], equal: [108, 1_680], full: [100, 1_010] };
    for (const [name, got] of [['expo', expo], ['decorr', decorr], ['equal', equal], ['full', full]] as const) {
      const [calls, timeMs] = rerun[name];
      expect(Math.abs(got.calls / calls - 1)).toBeLessThan(0.1);
      expect(Math.abs(got.timeMs / timeMs - 1)).toBeLessThan(0.1);
    }
  });

  it('every client finishes: at least one successful write each', () => {
    expect(full.calls).toBeGreaterThanOrEqual(20);
  });
});
