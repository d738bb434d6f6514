/**
 * k-of-n redundancy: n identical components, each failing and being
 * repaired on its own (one repair crew per component); the system is up
 * while at least k of them are.
 *
 *   npx sim run examples/availability/k-of-n.ts --seed 1
 *   npx sim run examples/availability/k-of-n.ts --seed 1 --set n=5 --set k=3
 *
 * With independent components of availability p = MTTF / (MTTF + MTTR),
 * the system's is sum over i >= k of C(n,i) p^i (1-p)^(n-i): 2-of-3 at
 * p = 0.999 gives 0.999997002 (about 95 s of downtime a year). A run
 * measures the time the system actually spent with fewer than k up.
 *
 * Every component failure and repair is a trace record (so the digest
 * tells runs apart) unless traceComponents=false: over a long horizon they
 * run into millions and cost more than the simulation itself. The system
 * going down and coming back is always traced.
 */
import { z } from 'zod';
import { defineScenario, distributionWithMean, FailureRepair, type DowntimeTracker, type Simulation } from 'failsim';

const HOUR_MS = 3_600_000;
const kinds = ['exponential', 'weibull', 'lognormal'] as const;

const params = z.object({
  n: z.number().int().min(1).max(64).default(3).describe('components'),
  k: z.number().int().min(1).max(64).default(2).describe('components that must be up for the system to be up'),
  mttfMs: z.number().positive().default(999 * HOUR_MS).describe('mean time to failure of one component'),
  mttrMs: z.number().positive().default(1 * HOUR_MS).describe('mean time to repair of one component'),
  ttfKind: z.enum(kinds).default('exponential').describe('distribution of the time to failure'),
  ttfShape: z.number().positive().default(1).describe('Weibull shape, or lognormal sigma, of the time to failure'),
  ttrKind: z.enum(kinds).default('exponential').describe('distribution of the time to repair'),
  ttrShape: z.number().positive().default(1).describe('Weibull shape, or lognormal sigma, of the time to repair'),
  sloPct: z.number().min(0).max(100).default(99.999).describe('availability objective the claim checks'),
  horizonMs: z.number().int().positive().max(8e12).default(87_660 * HOUR_MS).describe('virtual run length (default ten years)'),
  traceComponents: z.boolean().default(true).describe('a trace record per component failure and repair'),
}).refine((p) => p.k <= p.n, { message: 'k must be at most n', path: ['k'] });
type Params = z.output<typeof params>;

interface World {
  readonly components: FailureRepair[];
  readonly system: DowntimeTracker;
  up: number;
  outages: number;
}

function build(sim: Simulation, p: Params): World {
  const world: World = { components: [], system: sim.metrics.downtime('system'), up: p.n, outages: 0 };
  const changed = (): void => {
    if (world.up < p.k && !world.system.isDown) {
      world.outages++;
      world.system.down(sim.now);
      sim.trace.emit('system', 'down', { up: world.up });
    } else if (world.up >= p.k && world.system.isDown) {
      world.system.up(sim.now);
      sim.trace.emit('system', 'up', { up: world.up });
    }
  };
  for (let i = 1; i <= p.n; i++) {
    world.components.push(new FailureRepair(sim, `component-${i}`, {
      ttf: distributionWithMean(p.ttfKind, p.mttfMs, p.ttfShape),
      ttr: distributionWithMean(p.ttrKind, p.mttrMs, p.ttrShape),
      onDown: () => { world.up--; changed(); },
      onUp: () => { world.up++; changed(); },
      trace: p.traceComponents,
    }));
  }
  return world;
}

/** sum over i >= k of C(n,i) p^i (1-p)^(n-i), for the note. */
function kOfN(n: number, k: number, p: number): number {
  let sum = 0, c = 1; // c = C(n, i), built up from C(n, 0)
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += c * p ** i * (1 - p) ** (n - i);
    c = (c * (n - i)) / (i + 1);
  }
  return sum;
}

export default defineScenario({
  id: 'availability-k-of-n',
  title: 'k-of-n redundancy with independent failure and repair',
  source: 'closed form: sum over i >= k of C(n,i) p^i (1-p)^(n-i)',
  params,
  durationMs: (p) => p.horizonMs,
  faults: () => [],
  build,
  metrics: (w, sim) => ({
    systemAvailabilityPct: 100 * (1 - w.system.total(sim.now) / sim.now),
    componentAvailabilityPct: (100 * w.components.reduce((s, c) => s + c.availability(), 0)) / w.components.length,
    systemOutages: w.outages,
    componentFailures: w.components.reduce((s, c) => s + c.failures, 0),
    longestSystemOutageMs: w.system.longest(sim.now) / 1000,
  }),
  metricInfo: {
    systemAvailabilityPct: { label: 'System availability (>= k up)', unit: 'percent' },
    componentAvailabilityPct: { label: 'Component availability (mean of the n)', unit: 'percent' },
    systemOutages: { label: 'System outages', unit: 'count' },
    componentFailures: { label: 'Component failures', unit: 'count' },
    longestSystemOutageMs: { label: 'Longest system outage', unit: 'ms' },
  },
  claims: [
    {
      name: 'system availability meets the objective',
      check: (m, p) => ({ pass: m.systemAvailabilityPct >= p.sloPct, detail: `${m.systemAvailabilityPct.toFixed(6)}% over the run, objective ${p.sloPct}%` }),
    },
  ],
  timeline: (rec) => (rec.source !== 'system' ? null : rec.kind === 'down' ? `system down (${String(rec.data?.up)} up)` : `system up again (${String(rec.data?.up)} up)`),
  notes: (p) => {
    const a = p.mttfMs / (p.mttfMs + p.mttrMs);
    return [`closed form: component p = ${a.toFixed(6)}, ${p.k}-of-${p.n} system ${(100 * kOfN(p.n, p.k, a)).toFixed(7)}%`];
  },
});
