import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation } from '../../src/kernel/index.js';
import { GenericService, type ServiceCall, type ServiceReply } from '../../models/service/service.js';
import type { GenericServiceOptions } from '../../models/service/service-options.js';

/** A call that notes when and what the service answered. */
function recorder(sim: Simulation) {
  const answers: { at: number; reply: ServiceReply; retryAfterUs: number }[] = [];
  const call = (): ServiceCall => ({ answer: (reply, retryAfterUs) => answers.push({ at: sim.now, reply, retryAfterUs }) });
  return { answers, call };
}

function setup(o: Partial<GenericServiceOptions>) {
  const sim = new Simulation({ seed: 7 });
  const service = new GenericService(sim, 'dep', o);
  return { sim, service, ...recorder(sim) };
}

/** Erlang C: P(wait) and mean wait of M/M/c with arrival rate lambda and service rate mu per server. */
function erlangC(c: number, lambda: number, mu: number): { pWait: number; meanWait: number } {
  const a = lambda / mu;
  let term = 1, sum = 1;
  for (let k = 1; k < c; k++) { term *= a / k; sum += term; }
  const top = (term * a) / c / (1 - a / c);
  const pWait = top / (sum + top);
  return { pWait, meanWait: pWait / (c * mu - lambda) };
}

describe('generic service', () => {
  it('serves FIFO with its workers, queues up to queueLimit and answers 503 beyond (hand-worked)', () => {
    const { sim, service, answers, call } = setup({ workers: 1, serviceTimeMs: 100, serviceTimeDistribution: 'constant', queueLimit: 1, overloadRetryAfterMs: 5_000 });
    for (let i = 0; i < 3; i++) expect(service.arrive(call())).toBe(true);
    expect(answers).toEqual([{ at: 0, reply: 'overloaded', retryAfterUs: sec(5) }]);
    sim.run();
    expect(answers.slice(1)).toEqual([{ at: ms(100), reply: 'ok', retryAfterUs: 0 }, { at: ms(200), reply: 'ok', retryAfterUs: 0 }]);
    expect([service.served, service.overloaded, service.peakInFlight]).toEqual([2, 1, 2]);
  });

  it('matches Erlang C: M/M/2 at utilisation 0.8', () => {
    const { sim, service, call } = setup({ workers: 2, serviceTimeMs: 20 });
    const lambda = 80, rng = sim.rng('arrivals');
    const waits: number[] = [];
    let t = 0;
    for (let i = 0; i < 40_000; i++) {
      t += rng.exponential(sec(1 / lambda));
      sim.at(Math.round(t), () => {
        const start = sim.now;
        service.arrive({ answer: () => waits.push(sim.now - start) });
      });
    }
    sim.run();
    const meanSojournS = waits.reduce((a, w) => a + w, 0) / waits.length / 1e6;
    const { meanWait } = erlangC(2, lambda, 50);
    // Sojourn = wait + service (20 ms); Erlang C says 0.0889 + 0.02 s. 40,000 customers at rho 0.8 keep the error under ~8%.
    expect(meanSojournS).toBeGreaterThan((meanWait + 0.02) * 0.92);
    expect(meanSojournS).toBeLessThan((meanWait + 0.02) * 1.08);
    void call;
  });

  it('a latency spike holds the worker for the added time; heal ends it', () => {
    const { sim, service, answers, call } = setup({ workers: 1, serviceTimeMs: 10, serviceTimeDistribution: 'constant' });
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'latency-spike', params: { addMs: 2_000 } }, { at: ms(3_000), target: 'dep', kind: 'heal' }]);
    sim.at(1, () => { service.arrive(call()); service.arrive(call()); });
    sim.at(ms(5_000), () => service.arrive(call()));
    sim.run();
    expect(answers.map((a) => a.at)).toEqual([1 + ms(2_010), 1 + ms(4_020), ms(5_010)]);
  });

  it('a crash resets what is in flight, refuses while down, and the supervisor restarts it', () => {
    const { sim, service, answers, call } = setup({ workers: 1, serviceTimeMs: 100, serviceTimeDistribution: 'constant' });
    sim.faults.schedule([{ at: ms(50), target: 'dep', kind: 'crash', params: { restartAfterMs: 1_000 } }]);
    sim.at(0, () => { service.arrive(call()); service.arrive(call()); });
    sim.at(ms(500), () => service.arrive(call()));
    sim.at(ms(1_100), () => service.arrive(call()));
    sim.run();
    expect(answers).toEqual([
      { at: ms(50), reply: 'reset', retryAfterUs: 0 }, { at: ms(50), reply: 'reset', retryAfterUs: 0 },
      { at: ms(500), reply: 'refused', retryAfterUs: 0 },
      { at: ms(1_200), reply: 'ok', retryAfterUs: 0 },
    ]);
  });

  it('a lost node answers nothing (the caller\'s connect timeout decides)', () => {
    const { sim, service, answers, call } = setup({ workers: 1, serviceTimeMs: 100 });
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'node-crash' }]);
    sim.at(1, () => expect(service.arrive(call())).toBe(false));
    sim.run();
    expect(answers).toEqual([]);
  });

  it('is OOM-killed when in-flight memory passes the limit, and restarts after oomRestartMs', () => {
    const mb = 1 << 20;
    const { sim, service, answers, call } = setup({ workers: 1, serviceTimeMs: 100, serviceTimeDistribution: 'constant', memoryPerRequestBytes: 100 * mb, baseMemoryBytes: 200 * mb, memoryLimitBytes: 512 * mb, oomRestartMs: 10_000 });
    sim.at(0, () => { for (let i = 0; i < 4; i++) service.arrive(call()); });
    sim.at(ms(5_000), () => service.arrive(call()));
    sim.at(ms(10_001), () => service.arrive(call()));
    sim.run();
    // 200 + 4 x 100 MB = 600 MB > 512 MB: the fourth request kills it, and all four are reset.
    expect(service.oomKills).toBe(1);
    expect(answers.slice(0, 4).every((a) => a.reply === 'reset' && a.at === 0)).toBe(true);
    expect(answers[4]).toEqual({ at: ms(5_000), reply: 'refused', retryAfterUs: 0 });
    expect(answers[5]).toEqual({ at: ms(10_101), reply: 'ok', retryAfterUs: 0 });
    expect(service.peakMemoryBytes).toBe(600 * mb);
  });

  it('an error-rate fault fails that fraction of served requests', () => {
    const { sim, service, answers, call } = setup({ workers: 4, serviceTimeMs: 1 });
    sim.faults.schedule([{ at: 0, target: 'dep', kind: 'error-rate', params: { rate: 0.3 } }]);
    for (let i = 0; i < 10_000; i++) sim.at(ms(i), () => service.arrive(call()));
    sim.run();
    const errors = answers.filter((a) => a.reply === 'error').length;
    // Binomial(10,000, 0.3): sd 46, so +-4 sd is 184.
    expect(Math.abs(errors - 3_000)).toBeLessThan(184);
  });
});
