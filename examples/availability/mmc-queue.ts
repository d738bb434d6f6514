/**
 * An M/M/c queue: Poisson arrivals, exponential service, c servers, one
 * first-come-first-served line (the kernel's `Resource`).
 *
 *   npx sim run examples/availability/mmc-queue.ts --seed 1
 *   npx sim run examples/availability/mmc-queue.ts --seed 1 --set servers=4
 *
 * Queueing theory gives the probability that an arrival has to wait
 * (Erlang C; c = 3 at an offered load of 2 gives 4/9) and Little's law
 * L = lambda W ties the mean number in the system to the mean time in it.
 * A run measures all three after a warm-up, so the empty start does not
 * bias them: the fraction of arrivals that found every server busy, the
 * time-average number in the system and the mean time in the system.
 */
import { z } from 'zod';
import { defineScenario, ms, Resource, type Gauge, type Histogram, type Simulation } from 'failsim';

const params = z.object({
  servers: z.number().int().min(1).max(256).default(3).describe('servers (c)'),
  arrivalsPerS: z.number().positive().default(2).describe('mean arrival rate (lambda, Poisson)'),
  meanServiceMs: z.number().positive().default(1_000).describe('mean service time (1/mu, exponential)'),
  maxMeanWaitMs: z.number().nonnegative().default(1_000).describe('objective for the mean wait in line (claim)'),
  warmupMs: z.number().int().nonnegative().default(1_000_000).describe('measured from here on (the queue starts empty)'),
  horizonMs: z.number().int().positive().default(21_000_000).describe('virtual run length'),
}).refine((p) => p.warmupMs < p.horizonMs, { message: 'warmupMs must be below horizonMs', path: ['warmupMs'] });
type Params = z.output<typeof params>;

interface World {
  readonly servers: Resource;
  /** Customers in line or in service now. */
  inSystem: number;
  /** Time-weighted count, created at the end of the warm-up. */
  level: Gauge | null;
  /** Arrivals after the warm-up, and how many of them found every server busy. */
  arrivals: number;
  waited: number;
  readonly waitMs: Histogram;
  readonly timeInSystemMs: Histogram;
}

function build(sim: Simulation, p: Params): World {
  const world: World = {
    servers: new Resource(sim, p.servers),
    inSystem: 0,
    level: null,
    arrivals: 0,
    waited: 0,
    waitMs: sim.metrics.histogram('waitMs'),
    timeInSystemMs: sim.metrics.histogram('timeInSystemMs'),
  };
  sim.schedule(ms(p.warmupMs), () => { world.level = sim.metrics.gauge('inSystem', world.inSystem); });
  sim.process(arrivals(sim, p, world), 'arrivals');
  return world;
}

function* arrivals(sim: Simulation, p: Params, world: World) {
  const gaps = sim.rng('queue/arrivals');
  const service = sim.rng('queue/service');
  for (let id = 1; ; id++) {
    yield sim.sleep(ms(gaps.exponential(1000 / p.arrivalsPerS)));
    sim.process(customer(sim, p, world, service.exponential(p.meanServiceMs), id), 'customer');
  }
}

function* customer(sim: Simulation, p: Params, world: World, serviceMs: number, id: number) {
  const arrived = sim.now;
  const measured = arrived >= ms(p.warmupMs);
  // FIFO: an arrival waits exactly when every server is busy (PASTA: that is also the time fraction).
  const mustWait = world.servers.inUse >= world.servers.capacity;
  if (measured) { world.arrivals++; if (mustWait) world.waited++; }
  world.inSystem++;
  world.level?.set(world.inSystem, sim.now);
  yield world.servers.request();
  const started = sim.now;
  yield sim.sleep(ms(serviceMs));
  world.servers.release();
  world.inSystem--;
  world.level?.set(world.inSystem, sim.now);
  if (measured) {
    world.waitMs.add((started - arrived) / 1000);
    world.timeInSystemMs.add((sim.now - arrived) / 1000);
  }
  sim.trace.emit('queue', 'done', { id, waitedUs: started - arrived });
}

/** Erlang C: the probability an arrival waits in M/M/c at offered load a = lambda/mu (< c). */
function erlangC(c: number, a: number): number {
  let term = 1, sum = 1; // a^i / i!, summed for i < c
  for (let i = 1; i < c; i++) { term *= a / i; sum += term; }
  const last = (term * a) / c; // a^c / c!
  const tail = last * (c / (c - a));
  return tail / (sum + tail);
}

export default defineScenario({
  id: 'mmc-queue',
  title: 'M/M/c queue: waiting probability and Little\'s law',
  source: 'closed forms: Erlang C; Little\'s law L = lambda W',
  params,
  durationMs: (p) => p.horizonMs,
  faults: () => [],
  build,
  metrics: (w, sim, p) => {
    const spanS = (p.horizonMs - p.warmupMs) / 1000;
    return {
      waitProbability: w.arrivals === 0 ? NaN : w.waited / w.arrivals,
      meanWaitMs: w.waitMs.mean(),
      meanTimeInSystemMs: w.timeInSystemMs.mean(),
      meanInSystem: w.level === null ? NaN : w.level.mean(sim.now),
      arrivalRatePerS: w.arrivals / spanS,
      customers: w.arrivals,
    };
  },
  metricInfo: {
    waitProbability: { label: 'Arrivals that found every server busy', unit: 'ratio' },
    meanWaitMs: { label: 'Mean wait in line', unit: 'ms' },
    meanTimeInSystemMs: { label: 'Mean time in the system (W)', unit: 'ms' },
    meanInSystem: { label: 'Time-average number in the system (L)', unit: 'count' },
    arrivalRatePerS: { label: 'Arrival rate measured (lambda)', unit: 'per_s' },
    customers: { label: 'Customers measured', unit: 'count' },
  },
  claims: [
    {
      name: 'mean wait in line within the objective',
      check: (m, p) => ({ pass: m.meanWaitMs <= p.maxMeanWaitMs, detail: `mean wait ${m.meanWaitMs.toFixed(1)} ms, objective ${p.maxMeanWaitMs} ms` }),
    },
  ],
  notes: (p) => {
    const a = (p.arrivalsPerS * p.meanServiceMs) / 1000;
    if (a >= p.servers) return [`offered load ${a} >= ${p.servers} servers: the queue grows without bound`];
    const c = erlangC(p.servers, a);
    const wMs = (c * p.meanServiceMs) / (p.servers - a) + p.meanServiceMs;
    return [`closed form: P(wait) = ${c.toFixed(4)} (Erlang C), W = ${wMs.toFixed(1)} ms, L = lambda W = ${((p.arrivalsPerS * wMs) / 1000).toFixed(4)}`];
  },
});
