/**
 * A system of your own, on failsim's reusable models: `instances` copies of
 * a stateless checkout service behind a health-checked load balancer
 * (LoadBalancer), called by clients that time out and retry with full-jitter
 * back-off and no circuit breaker (RetryClient). Each instance crashes, hangs
 * and restarts through the shared Lifecycle. Its scenarios are
 * examples/my-scenario.ts (a crash) and examples/instance-hang.ts (a hang).
 */
import { z } from 'zod';
import { defineSystem, DowntimeTracker, formatDuration, Histogram, Lifecycle, LoadBalancer, ms, NO_PARAMS, PROCESS_FAULTS, restartOnRequest, RetryClient } from 'failsim';
import { startPoissonArrivals, type CrashParams, type Event, type RandomStream, type Simulation } from 'failsim';

const params = z.object({
  instances: z.number().int().min(2).max(64).default(3).describe('service instances behind the load balancer'),
  requestsPerS: z.number().positive().default(50).describe('mean request rate (Poisson arrivals)'),
  serviceTimeMs: z.number().positive().default(20).describe('median time to serve one request (log-normal)'),
  checkIntervalMs: z.number().int().positive().default(2_000).describe('time between health checks'),
  unhealthyThreshold: z.number().int().min(1).default(3).describe('failed checks in a row that take an instance out'),
  restartAfterMs: z.number().int().nonnegative().default(30_000).describe('time a crashed instance takes to come back'),
  timeoutMs: z.number().int().positive().default(1_000).describe("the client's timeout of one attempt"),
  maxAttempts: z.number().int().min(1).default(3).describe('attempts per request (1: no retry)'),
  maxErrorPercent: z.number().min(0).max(100).default(1).describe('error budget of one instance failure'),
  durationMs: z.number().int().positive().default(300_000).describe('virtual run length'),
});
type Params = z.output<typeof params>;

/** One instance: answers after a log-normal service time; refuses while down; a frozen one answers nothing. */
function instance(sim: Simulation, name: string, p: Params, service: RandomStream) {
  const inFlight = new Set<Event<string>>();
  const life = new Lifecycle<CrashParams>(sim, name, { faults: { ...PROCESS_FAULTS, hang: NO_PARAMS }, restartDelay: restartOnRequest }, {
    // A dead process's connections are reset: its requests in flight fail at once. A frozen one's never end.
    stopped: (cause) => { sim.trace.emit(name, 'stop', { cause }); for (const r of inFlight) r.succeed('reset'); inFlight.clear(); },
    running: () => sim.trace.emit(name, 'start'),
    hung: () => { sim.trace.emit(name, 'hang'); inFlight.clear(); },
  });
  const handle = (): Event<string> => {
    const reply = sim.event<string>();
    if (life.state === 'stopped') return reply.succeed('refused');
    if (!life.up) return reply; // frozen: the kernel accepts the connection, nothing answers
    inFlight.add(reply);
    sim.schedule(ms(service.lognormal(p.serviceTimeMs, 0.4)), () => { if (inFlight.delete(reply)) reply.succeed('ok'); });
    return reply;
  };
  return { name, life, handle };
}

function build(sim: Simulation, p: Params) {
  const service = sim.rng('instances/service');
  const instances = Array.from({ length: p.instances }, (_, i) => instance(sim, `instance-${i + 1}`, p, service));
  const lb = new LoadBalancer(sim, instances, { intervalMs: p.checkIntervalMs, unhealthyAfter: p.unhealthyThreshold, healthyAfter: 2, healthy: (i) => i.life.up });
  const client = new RetryClient(sim, 'clients', { timeoutMs: p.timeoutMs, maxAttempts: p.maxAttempts, backoffBaseMs: 50, backoffCapMs: 1_000 });
  startPoissonArrivals(sim, sim.rng('clients/arrivals'), p.requestsPerS, ms(p.durationMs), () => sim.process((function* () {
    const start = sim.now;
    const r = yield* client.call(() => lb.pick()?.handle(), (answer) => answer === 'ok');
    sim.trace.emit('client', r.ok ? 'ok' : 'failed', { ms: (sim.now - start) / 1000 });
  })(), 'request'));
  return { instances, lb };
}

/** Requests and their latency, and per instance the time it was dead (down or frozen) but still in rotation. */
function observe({ instances, lb }: ReturnType<typeof build>, sim: Simulation) {
  const o = { requests: 0, failed: 0, latency: new Histogram('latencyMs'), blackhole: instances.map((i) => new DowntimeTracker(i.name)) };
  sim.trace.addSink({ record: (rec) => {
    if (rec.source === 'client') { o.requests++; if (rec.kind === 'failed') o.failed++; else o.latency.add(rec.data?.['ms'] as number); return; }
    instances.forEach((i, k) => o.blackhole[k]![!i.life.up && lb.isHealthy(i.name) ? 'down' : 'up'](sim.now));
  } });
  return o;
}
const longestBlackholeMs = (o: ReturnType<typeof observe>, now: number) => Math.max(0, ...o.blackhole.map((b) => b.longest(now))) / 1000;

/** Runbook 2.1: the health checks take a dead instance out within unhealthyThreshold x checkIntervalMs. */
export function blackholeBounded(longestMs: number, p: Params) {
  const bound = p.unhealthyThreshold * p.checkIntervalMs;
  return { pass: longestMs <= bound, detail: `longest ${formatDuration(ms(longestMs))}, bound ${formatDuration(ms(bound))}` };
}
/** Runbook 2.2: requests that failed after every retry stay under the error budget. */
export function withinErrorBudget(m: { failedRequests: number; requests: number; errorPercent: number }, p: Params) {
  return { pass: m.errorPercent < p.maxErrorPercent, detail: `${m.failedRequests} of ${m.requests} failed (${m.errorPercent.toFixed(2)}%), budget ${p.maxErrorPercent}%` };
}

export const checkout = defineSystem({
  id: 'checkout', source: 'checkout-api failure modes (example runbook)', params, durationMs: (p) => p.durationMs, build, observe,
  metrics: ({ observed: o, sim }) => ({
    requests: o.requests, failedRequests: o.failed, errorPercent: o.requests === 0 ? 0 : (100 * o.failed) / o.requests,
    longestBlackholeMs: longestBlackholeMs(o, sim.now), p99LatencyMs: o.latency.percentile(99),
  }),
  metricInfo: {
    requests: { label: 'Requests', unit: 'count' }, failedRequests: { label: 'Failed requests (after retries)', unit: 'count' }, errorPercent: { label: 'Error rate', unit: 'percent' },
    longestBlackholeMs: { label: 'Longest time a dead instance got traffic', unit: 'ms' }, p99LatencyMs: { label: 'p99 latency (successful requests)', unit: 'ms' },
  },
  timeline: (rec) => (rec.source.startsWith('instance-') ? (rec.kind === 'stop' ? `stops (${String(rec.data?.['cause'])})` : rec.kind === 'hang' ? 'freezes' : 'serves again') :
    rec.source === 'lb' ? `load balancer takes ${String(rec.data?.['instance'])} ${rec.kind === 'out-of-rotation' ? 'out of' : 'back into'} rotation` : null),
  invariants: [{ name: 'a dead instance gets traffic for at most unhealthyThreshold x checkIntervalMs', kind: 'always', source: 'runbook 2.1',
    watch: (v) => ({ verdict: () => blackholeBounded(longestBlackholeMs(v.observed, v.sim.now), v.params) }) }],
  faultSpace: {
    window: (p) => ({ fromMs: 10_000, toMs: p.durationMs - 60_000 }), maxFaults: 3,
    kinds: (p) => ['crash', 'hang'].map((name) => ({
      name, targets: Array.from({ length: p.instances }, (_, i) => `instance-${i + 1}`), severities: [5_000, 15_000, 30_000],
      expand: (target: string, forMs: number, atMs: number) => (name === 'crash' ? [{ at: atMs, target, kind: 'crash', params: { restartAfterMs: forMs } }]
        : [{ at: atMs, target, kind: 'hang' }, { at: atMs + forMs, target, kind: 'restart' }]),
    })),
  },
});
