import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/kernel/event.js';
import { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { Network, type Requester } from '../../models/net/network.js';

/**
 * `request` puts no time-out in the queue while the answer is on its way in
 * time, yet decides exactly as a request with its own timer: lost, late,
 * cut-off and never-given answers all time out at the deadline's very
 * microsecond. Latency is fixed (sigma 0) so every instant is worked by hand.
 */
function setup() {
  const sim = new Simulation({ seed: 1 });
  const net = new Network(sim, { latencyMedianMs: 2, latencySigma: 0, lossProbability: 0 });
  net.addHost('client');
  let serverUp = true;
  net.addHost('server', () => serverUp);
  const log: string[] = [];
  const caller: Requester<string> = {
    answered: (v) => log.push(`${sim.now / 1000} ms answered ${v}`),
    timedOut: () => log.push(`${sim.now / 1000} ms timed out`),
  };
  return { sim, net, log, caller, down: () => { serverUp = false; } };
}

describe('Network.request', () => {
  it('is answered in two events with no timer in the queue (2 ms there, 2 ms back)', () => {
    const { sim, net, log, caller } = setup();
    net.request('client', 'server', (q: string) => `${q}!`, 'ping', ms(10), caller);
    expect(sim.queue.size).toBe(1); // the request only: no time-out entry
    sim.run();
    expect(log).toEqual(['4 ms answered ping!']);
    expect(sim.eventCount).toBe(2);
  });

  it('times out at the deadline when the server never answers, and when it is down', () => {
    const a = setup();
    a.net.request('client', 'server', () => undefined, 'x', ms(10), a.caller);
    a.sim.run();
    expect(a.log).toEqual(['10 ms timed out']);
    const b = setup();
    b.down();
    b.net.request('client', 'server', () => 'never', 'x', ms(10), b.caller);
    b.sim.run();
    expect(b.log).toEqual(['10 ms timed out']);
  });

  it('an answer arriving exactly at the deadline loses to the time-out, one a microsecond earlier wins', () => {
    const at = setup();
    at.net.request('client', 'server', () => 'late', 'x', ms(4), at.caller);
    at.sim.run();
    expect(at.log).toEqual(['4 ms timed out']);
    const before = setup();
    before.net.request('client', 'server', () => 'in time', 'x', ms(4) + 1, before.caller);
    before.sim.run();
    expect(before.log).toEqual(['4 ms answered in time']);
  });

  it('a partition that starts while the answer is in flight cuts it off: time-out at the deadline', () => {
    const { sim, net, log, caller } = setup();
    net.request('client', 'server', () => 'cut', 'x', ms(10), caller);
    sim.schedule(ms(3), () => net.partition([['client'], ['server']]));
    sim.run();
    expect(log).toEqual(['10 ms timed out']);
  });

  it('an answer given later as an event travels back when the event fires, and is dropped after the time-out', () => {
    const { sim, net, log, caller } = setup();
    let answer: Event<string> | null = null;
    net.request('client', 'server', () => (answer = sim.event<string>()), 'x', ms(10), caller);
    sim.schedule(ms(5), () => answer!.succeed('parked'));
    sim.run();
    expect(log).toEqual(['7 ms answered parked']);
    const late = setup();
    let parked: Event<string> | null = null;
    late.net.request('client', 'server', () => (parked = late.sim.event<string>()), 'x', ms(10), late.caller);
    late.sim.schedule(ms(9), () => parked!.succeed('too late'));
    late.sim.run();
    expect(late.log).toEqual(['10 ms timed out']);
  });

  it('call() keeps its outcomes on the same mechanism', () => {
    const { sim, net } = setup();
    const got: unknown[] = [];
    net.call('client', 'server', () => 'v', ms(10)).addCallback((ev) => got.push([sim.now / 1000, ev.value]));
    net.call('client', 'server', () => undefined, ms(10)).addCallback((ev) => got.push([sim.now / 1000, ev.value]));
    sim.run();
    expect(got).toEqual([[4, { ok: true, value: 'v' }], [10, { ok: false, error: 'timeout' }]]);
  });
});
