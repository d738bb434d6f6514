/**
 * A scenario of your own, written against failsim's public API only.
 *
 *   npx sim run examples/my-scenario.ts --seed 1
 *   npx sim run examples/my-scenario.ts --seed 1 --set checkIntervalMs=10000
 *
 * The system: `instances` copies of a stateless service behind a load
 * balancer that health-checks each one every `checkIntervalMs` and takes it
 * out of rotation after `unhealthyThreshold` failed checks in a row (and
 * back in after `healthyThreshold` good ones). Requests arrive at random
 * (Poisson) and go round-robin to the instances in rotation; one sent to a
 * crashed instance fails, and so do requests in flight when it crashes.
 *
 * The claims come from an imagined runbook, "checkout-api failure modes":
 *   2.1 "The load balancer stops sending traffic to a crashed instance
 *        within unhealthyThreshold x checkIntervalMs."
 *   2.2 "Losing one instance costs under 1% of requests."
 *
 * Model code uses virtual time only: the clock is `sim.now`, waits are
 * `yield sim.sleep(...)` or `sim.schedule(...)`, randomness comes from named
 * `sim.rng(...)` streams. Never Date.now, setTimeout, Math.random or async.
 */
import { z } from 'zod';
import { defineScenario, formatDuration, ms, type DowntimeTracker, type Histogram, type Simulation } from 'failsim';

const params = z.object({
  instances: z.number().int().min(2).max(64).default(3).describe('service instances behind the load balancer'),
  requestsPerS: z.number().positive().default(50).describe('mean request rate (Poisson arrivals)'),
  serviceTimeMs: z.number().positive().default(20).describe('median time to serve one request (log-normal)'),
  checkIntervalMs: z.number().int().positive().default(2_000).describe('time between health checks of one instance'),
  unhealthyThreshold: z.number().int().min(1).default(3).describe('failed checks in a row that take an instance out'),
  healthyThreshold: z.number().int().min(1).default(2).describe('good checks in a row that put it back'),
  restartAfterMs: z.number().int().nonnegative().default(30_000).describe('time a crashed instance takes to come back'),
  maxErrorPercent: z.number().min(0).max(100).default(1).describe('error budget of one instance crash (claim 2.2)'),
  durationMs: z.number().int().positive().default(300_000).describe('virtual run length'),
});
type Params = z.output<typeof params>;

interface Instance {
  readonly name: string;
  up: boolean;
  /** Whether the load balancer sends it traffic. */
  inRotation: boolean;
  /** Bumped by every crash, so requests in flight across a crash fail. */
  epoch: number;
  /** Checks in a row with the same outcome, and that outcome. */
  streak: number;
  lastCheckOk: boolean;
  /** Periods when the instance was down but still in rotation. */
  readonly blackhole: DowntimeTracker;
}

interface World {
  readonly instances: Instance[];
  requests: number;
  failed: number;
}

function build(sim: Simulation, p: Params): World {
  const world: World = { instances: [], requests: 0, failed: 0 };
  const latency = sim.metrics.histogram('latencyMs');
  const restartJitter = sim.rng('instances/restart');

  for (let i = 1; i <= p.instances; i++) {
    const inst: Instance = {
      name: `instance-${i}`, up: true, inRotation: true, epoch: 0, streak: 0, lastCheckOk: true,
      blackhole: sim.metrics.downtime(`blackhole/instance-${i}`),
    };
    world.instances.push(inst);
    sim.faults.on(inst.name, 'crash', (fault) => {
      if (!inst.up) return;
      inst.up = false;
      inst.epoch++;
      sim.trace.emit(inst.name, 'crash');
      trackBlackhole(sim, inst);
      const after = typeof fault.params?.restartAfterMs === 'number' ? fault.params.restartAfterMs : p.restartAfterMs;
      sim.schedule(ms(after * restartJitter.uniform(0.9, 1.1)), () => {
        inst.up = true;
        sim.trace.emit(inst.name, 'restart');
        trackBlackhole(sim, inst);
      });
    });
    sim.process(healthChecker(sim, p, inst), `lb/check/${inst.name}`);
  }

  sim.process(loadGenerator(sim, p, world, latency), 'clients');
  return world;
}

function trackBlackhole(sim: Simulation, inst: Instance): void {
  if (!inst.up && inst.inRotation) inst.blackhole.down(sim.now);
  else inst.blackhole.up(sim.now);
}

/** The load balancer's health check of one instance; instances are checked out of phase. */
function* healthChecker(sim: Simulation, p: Params, inst: Instance) {
  yield sim.sleep(ms(sim.rng(`lb/phase/${inst.name}`).uniform(0, p.checkIntervalMs)));
  for (;;) {
    const ok = inst.up;
    inst.streak = ok === inst.lastCheckOk ? inst.streak + 1 : 1;
    inst.lastCheckOk = ok;
    if (inst.inRotation && !ok && inst.streak >= p.unhealthyThreshold) {
      inst.inRotation = false;
      sim.trace.emit('lb', 'out', { instance: inst.name });
      trackBlackhole(sim, inst);
    } else if (!inst.inRotation && ok && inst.streak >= p.healthyThreshold) {
      inst.inRotation = true;
      sim.trace.emit('lb', 'in', { instance: inst.name });
    }
    yield sim.sleep(ms(p.checkIntervalMs));
  }
}

/** Poisson arrivals, sent round-robin to the instances in rotation. */
function* loadGenerator(sim: Simulation, p: Params, world: World, latency: Histogram) {
  const arrivals = sim.rng('clients/arrivals');
  const service = sim.rng('instances/service');
  let next = 0;
  for (;;) {
    yield sim.sleep(ms(arrivals.exponential(1000 / p.requestsPerS)));
    world.requests++;
    const inRotation = world.instances.filter((i) => i.inRotation);
    const inst = inRotation[next++ % Math.max(1, inRotation.length)];
    if (inst === undefined || !inst.up) {
      world.failed++;
      sim.trace.emit('lb', 'error', { instance: inst?.name ?? null });
      continue;
    }
    const took = service.lognormal(p.serviceTimeMs, 0.4);
    const epoch = inst.epoch;
    sim.schedule(ms(took), () => {
      if (inst.epoch !== epoch) { world.failed++; sim.trace.emit('lb', 'reset', { instance: inst.name }); return; }
      latency.add(took);
      sim.trace.emit('lb', 'ok', { instance: inst.name });
    });
  }
}

export default defineScenario({
  id: 'lb-instance-crash',
  title: 'One instance behind a health-checked load balancer crashes',
  source: 'checkout-api failure modes (example runbook), section 2',
  description: 'A stateless service behind a load balancer with active health checks loses one instance.',
  params,
  durationMs: (p) => p.durationMs,
  faults: () => [{ at: '60s', target: 'instance-1', kind: 'crash' }],
  build,
  metrics: (world, sim) => ({
    requests: world.requests,
    failedRequests: world.failed,
    errorPercent: world.requests === 0 ? 0 : (100 * world.failed) / world.requests,
    longestBlackholeMs: Math.max(0, ...world.instances.map((i) => i.blackhole.longest(sim.now))) / 1000,
    p99LatencyMs: sim.metrics.histogram('latencyMs').percentile(99),
  }),
  metricInfo: {
    requests: { label: 'Requests', unit: 'count' },
    failedRequests: { label: 'Failed requests', unit: 'count' },
    errorPercent: { label: 'Error rate', unit: 'percent' },
    longestBlackholeMs: { label: 'Longest time a dead instance got traffic', unit: 'ms' },
    p99LatencyMs: { label: 'p99 latency (successful requests)', unit: 'ms' },
  },
  claims: [
    {
      name: 'the LB stops routing to a crashed instance within unhealthyThreshold x checkIntervalMs',
      source: 'checkout-api failure modes, 2.1',
      check: (m, p) => {
        const bound = p.unhealthyThreshold * p.checkIntervalMs;
        return { pass: m.longestBlackholeMs <= bound, detail: `longest ${formatDuration(ms(m.longestBlackholeMs))}, bound ${formatDuration(ms(bound))}` };
      },
    },
    {
      name: 'losing one instance costs under maxErrorPercent of requests',
      source: 'checkout-api failure modes, 2.2',
      check: (m, p) => ({
        pass: m.errorPercent < p.maxErrorPercent,
        detail: `${m.failedRequests} of ${m.requests} failed (${m.errorPercent.toFixed(2)}%), budget ${p.maxErrorPercent}%`,
      }),
    },
  ],
  timeline: (rec) => {
    if (rec.source === 'lb' && (rec.kind === 'out' || rec.kind === 'in')) {
      return `load balancer takes ${String(rec.data?.instance)} ${rec.kind === 'out' ? 'out of' : 'back into'} rotation`;
    }
    if (rec.kind === 'crash' && rec.source !== 'fault') return `${rec.source} crashes`;
    if (rec.kind === 'restart') return `${rec.source} is back up`;
    return null;
  },
  notes: (p) => {
    const notes: string[] = [];
    if (p.unhealthyThreshold * p.checkIntervalMs >= p.restartAfterMs) {
      notes.push(`unhealthyThreshold x checkIntervalMs (${p.unhealthyThreshold * p.checkIntervalMs}ms) >= restartAfterMs (${p.restartAfterMs}ms): a crashed instance can be back before the LB notices, and gets traffic the whole time it is down`);
    }
    return notes;
  },
});
