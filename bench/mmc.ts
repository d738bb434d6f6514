/**
 * M/M/c queue as generator processes with the kernel's Resource, the same
 * model as the SimPy anchor: a source spawns one customer process per
 * arrival; each customer requests a server, waits, holds it for Exp(1/mu),
 * releases it.
 */
import { Resource } from '../src/kernel/resources/resource.js';
import { Simulation } from '../src/kernel/simulation.js';
import { now, secondsSince } from './stats.js';

export interface ErlangC {
  /** Probability that an arriving customer waits. */
  readonly pWait: number;
  /** Mean wait in queue, in the time unit of 1/lambda (seconds here). */
  readonly meanWait: number;
}

/** Erlang's C formula for an M/M/c queue with arrival rate lambda and service rate mu per server. */
export function erlangC(c: number, lambda: number, mu: number): ErlangC {
  const a = lambda / mu;
  const rho = a / c;
  if (!(rho < 1)) throw new Error(`erlangC: utilisation ${rho} >= 1, the queue is unstable`);
  let term = 1; // a^k / k!
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term / (1 - rho); // a^c / c! / (1 - rho)
  const pWait = top / (sum + top);
  return { pWait, meanWait: pWait / (c * mu - lambda) };
}

export interface MmcResult {
  readonly customers: number;
  readonly events: number;
  readonly wallS: number;
  readonly customersPerS: number;
  readonly eventsPerS: number;
  /** Mean wait in queue, seconds. */
  readonly meanWaitS: number;
}

export function mmcProcesses(customers: number, servers: number, lambda: number, mu: number, seed = 1): MmcResult {
  const sim = new Simulation({ seed });
  const arrivals = sim.rng('arrivals');
  const service = sim.rng('service');
  const res = new Resource(sim, servers);
  const meanGapUs = 1e6 / lambda, meanServiceUs = 1e6 / mu;
  let waitSumUs = 0;
  let served = 0;

  function* customer() {
    const arrived = sim.now;
    yield res.request();
    waitSumUs += sim.now - arrived;
    yield sim.sleep(service.exponential(meanServiceUs));
    res.release();
    served++;
  }
  function* source() {
    for (let i = 0; i < customers; i++) {
      yield sim.sleep(arrivals.exponential(meanGapUs));
      sim.process(customer());
    }
  }

  sim.process(source());
  const t0 = now();
  sim.run();
  const wallS = secondsSince(t0);
  if (served !== customers) throw new Error(`mmc: ${served} of ${customers} customers served`);
  return {
    customers,
    events: sim.eventCount,
    wallS,
    customersPerS: customers / wallS,
    eventsPerS: sim.eventCount / wallS,
    meanWaitS: waitSumUs / customers / 1e6,
  };
}
