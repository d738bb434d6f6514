import { describe, expect, it } from 'vitest';
import { ms, Simulation } from '../../src/kernel/index.js';
import { GenericService } from '../../models/service/service.js';
import { ResilientCaller, type CallerPatterns } from '../../models/resilience/resilient-caller.js';
import type { CallResult } from '../../models/resilience/call-result.js';
import type { CallerOptions } from '../../models/resilience/caller-options.js';
import type { RetryPolicy } from '../../models/retry/retry-policy.js';

/** A fixed-delay policy written out here, so these timelines do not depend on the retry module's formulas. */
function fixed(delayMs: number, maxAttempts: number): RetryPolicy {
  return { kind: 'fixed', maxAttempts, options: {} as RetryPolicy['options'], delayBefore: (n) => (n === 1 ? 0 : n > maxAttempts ? null : ms(delayMs)) };
}
const NONE = fixed(0, 1);

function setup(patterns: Partial<CallerPatterns> = {}, options: Partial<CallerOptions> = {}) {
  const sim = new Simulation({ seed: 3 });
  const service = new GenericService(sim, 'dep', { workers: 1, serviceTimeMs: 20, serviceTimeDistribution: 'constant' });
  const caller = new ResilientCaller(sim, 'dep', service, { retry: NONE, ...patterns }, { oneWayMs: 10, oneWaySdMs: 0, ...options });
  const results: CallResult[] = [];
  const call = (at = 0) => sim.at(at, () => caller.call((r) => results.push({ ...r })));
  return { sim, service, caller, results, call };
}

const brief = (r: CallResult) => ({ source: r.source, error: r.error, attempts: r.attempts, latencyMs: (r.endedAt - r.startedAt) / 1000 });

describe('resilient caller: timeouts (seed 001: 500 ms connect, 2 s read)', () => {
  it('a healthy call takes the way there, the service time and the way back', () => {
    const { sim, results, call } = setup();
    call();
    sim.run();
    expect(results.map(brief)).toEqual([{ source: 'live', error: null, attempts: 1, latencyMs: 40 }]);
  });

  it('a refused connection fails after one round trip', () => {
    const { sim, results, call } = setup();
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'refuse' }]);
    call(1);
    sim.run();
    expect(results.map(brief)).toEqual([{ source: 'none', error: 'refused', attempts: 1, latencyMs: 20 }]);
  });

  it('a silent host runs out the connect timeout; a hung process the read timeout, counted from the connection', () => {
    const lost = setup();
    lost.sim.faults.schedule([{ at: 0, target: 'dep', kind: 'node-crash' }]);
    lost.call(1);
    lost.sim.run();
    expect(lost.results.map(brief)).toEqual([{ source: 'none', error: 'connect-timeout', attempts: 1, latencyMs: 500 }]);
    const hung = setup();
    hung.sim.faults.schedule([{ at: 0, target: 'dep', kind: 'hang' }]);
    hung.call(1);
    hung.sim.run();
    // Connected at 10 + 10 ms (the SYN-ACK's way back), read timeout 2 s from then.
    expect(hung.results.map(brief)).toEqual([{ source: 'none', error: 'read-timeout', attempts: 1, latencyMs: 2_020 }]);
  });

  it('a deadline cuts the read timeout and stops retries that would end after it', () => {
    const { sim, results, call } = setup({ retry: fixed(1_000, 5) }, { deadlineMs: 2_500 });
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'refuse' }]);
    call(1);
    sim.run();
    // Attempts at 0, 1.02 and 2.04 s, refused after 20 ms each; a fourth would start at 3.06 s, past the 2.5 s deadline.
    expect(results.map(brief)).toEqual([{ source: 'none', error: 'deadline', attempts: 3, latencyMs: 2_060 }]);
    const hung = setup({}, { deadlineMs: 1_000 });
    hung.sim.faults.schedule([{ at: 0, target: 'dep', kind: 'hang' }]);
    hung.call(1);
    hung.sim.run();
    expect(hung.results.map(brief)).toEqual([{ source: 'none', error: 'deadline', attempts: 1, latencyMs: 1_000 }]);
  });
});

describe('resilient caller: retries and fallbacks', () => {
  it('retries after the policy\'s delay until the dependency answers', () => {
    const { sim, results, call, caller } = setup({ retry: fixed(100, 10) });
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'refuse', params: { healAfterMs: 250 } }]);
    call(1);
    sim.run();
    // Attempts leave at 0, 120 and 240 ms (20 ms to hear the refusal, then 100 ms back-off) and reach the
    // service 10 ms later: the first two while it refuses (until 250 ms), the third just after: 240 + 40.
    expect(results.map(brief)).toEqual([{ source: 'live', error: null, attempts: 3, latencyMs: 280 }]);
    expect([caller.attemptsSent, caller.retries]).toEqual([3, 2]);
  });

  it('the cache fallback serves the last live answer and measures its age; default answers without one', () => {
    const { sim, results, call } = setup({}, { fallback: 'cache' });
    sim.faults.schedule([{ at: ms(1_000), target: 'dep', kind: 'refuse' }]);
    call(0);
    call(ms(5_000));
    sim.run();
    expect(results.map((r) => [r.source, r.error, r.staleUs])).toEqual([['live', null, 0], ['cache', 'refused', ms(5_020) - ms(40)]]);
    const d = setup({}, { fallback: 'default' });
    d.sim.faults.schedule([{ at: 0, target: 'dep', kind: 'refuse' }]);
    d.call(1);
    d.sim.run();
    expect(d.results.map((r) => [r.ok, r.source, r.error])).toEqual([[true, 'default', 'refused']]);
  });

  it('a timed-out request is still served: the dependency does the work the caller gave up on', () => {
    const { sim, service, results, call } = setup({ retry: fixed(0, 3) }, { readTimeoutMs: 50 });
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'latency-spike', params: { addMs: 100 } }]);
    call(1);
    sim.run();
    expect(results.map((r) => [r.source, r.error, r.attempts])).toEqual([['none', 'read-timeout', 3]]);
    expect(service.served).toBe(3);
  });
});

describe('a service that calls a dependency (GenericService.callsDownstream)', () => {
  function gatewaySetup(clientDeadlineMs = 0) {
    const sim = new Simulation({ seed: 5 });
    const dep = new GenericService(sim, 'dep', { workers: 100, serviceTimeMs: 20, serviceTimeDistribution: 'constant' });
    const gateway = new GenericService(sim, 'gateway', { workers: 2, serviceTimeMs: 5, serviceTimeDistribution: 'constant', queueLimit: 1 });
    const toDep = new ResilientCaller(sim, 'gateway-to-dep', dep, { retry: NONE }, { oneWayMs: 1, oneWaySdMs: 0, readTimeoutMs: 2_000 });
    const downstream: CallResult[] = [];
    gateway.callsDownstream((done, deadlineAt) => toDep.call((r) => { downstream.push({ ...r }); done(r.ok); }, deadlineAt));
    const client = new ResilientCaller(sim, 'client', gateway, { retry: NONE }, { oneWayMs: 10, oneWaySdMs: 0, readTimeoutMs: 10_000, deadlineMs: clientDeadlineMs });
    const results: CallResult[] = [];
    const call = (at: number) => sim.at(at, () => client.call((r) => results.push({ ...r })));
    return { sim, dep, gateway, results, downstream, call };
  }

  it('the client\'s deadline travels with the request: the gateway gives up on the slow dependency when the client does, freeing its worker', () => {
    const { sim, results, downstream, call } = gatewaySetup(300);
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'latency-spike', params: { addMs: 1_000 } }]);
    call(0);
    sim.run();
    // The client gives up at 300 ms; so does the gateway's call below (deadline, not its own 2 s read timeout).
    expect(results.map((r) => [r.error, (r.endedAt - r.startedAt) / 1000])).toEqual([['deadline', 300]]);
    expect(downstream.map((r) => [r.error, r.endedAt / 1000])).toEqual([['deadline', 300]]);
  });

  it('the worker is held through the downstream call: 10 ms there, 5 ms of work, 1 + 20 + 1 ms below, 10 ms back', () => {
    const { sim, results, call } = gatewaySetup();
    call(0);
    sim.run();
    expect(results.map(brief)).toEqual([{ source: 'live', error: null, attempts: 1, latencyMs: 47 }]);
  });

  it('a slow dependency fills the gateway workers (2) and its one queue slot: the fourth caller gets a 503 at once', () => {
    const { sim, results, call } = gatewaySetup();
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'latency-spike', params: { addMs: 500 } }]);
    for (let i = 0; i < 4; i++) call(1 + i);
    sim.run();
    const byError = results.map((r) => r.error);
    expect(byError.filter((e) => e === 'overloaded')).toHaveLength(1);
    expect(byError.filter((e) => e === null)).toHaveLength(3);
    // The third waited for a worker: one whole downstream call (5 + 1 + 520 + 1 ms) more than the first two.
    const live = results.filter((r) => r.source === 'live').map((r) => (r.endedAt - r.startedAt) / 1000).sort((a, b) => a - b);
    expect(live[2]! - live[0]!).toBeCloseTo(527, 0);
  });

  it('a failed downstream call fails the request, and a crash of the gateway mid-call resets its caller', () => {
    const refused = gatewaySetup();
    refused.sim.faults.schedule([{ at: 0, target: 'dep', kind: 'refuse' }]);
    refused.call(1);
    refused.sim.run();
    expect(refused.results.map((r) => [r.source, r.error])).toEqual([['none', 'error']]);
    const crashed = gatewaySetup();
    crashed.sim.faults.schedule([{ at: 0, target: 'dep', kind: 'latency-spike', params: { addMs: 500 } }, { at: ms(100), target: 'gateway', kind: 'crash' }]);
    crashed.call(1);
    crashed.sim.run();
    // The reset travels back 10 ms; the dependency's late answer to the dead gateway is dropped.
    expect(crashed.results.map((r) => [r.error, (r.endedAt - r.startedAt) / 1000])).toEqual([['reset', 110 - 0.001]]);
  });
});
