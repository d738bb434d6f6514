import { Histogram, SloLedger, ms, sec, type Micros, type Simulation } from '../../src/scenario/index.js';
import { ALERT_NAMES, ALERT_RULES, emptyCounts, type AlertName, type WindowCounts } from './alerts.js';
import type { AttemptSeen, LogicalCall } from './clients.js';
import type { FirewallParams } from './params.js';
import { isServerError, type Status } from './request.js';
import type { FirewallWorld } from './world.js';

const STEP = sec(15);

/**
 * Turns what the clients saw and the pods' state into the incident's
 * measures: the SLO ledger (from the failure to the end of the run), status
 * counts, latency, the seed's alerts evaluated every 15 s over the last
 * minute, and the fleet's size and readiness.
 */
export class FirewallObserved {
  readonly slo = new SloLedger();
  readonly latencies = new Histogram('latency of 200 answers');
  readonly statusCounts = new Map<number, number>();
  legitAttempts = 0;
  legitUnauthorized = 0;
  legitRateLimited = 0;
  attackerAttempts = 0;
  attackerRateLimited = 0;
  /** Legitimate requests that ended without a usable answer (after their retries and token refresh). */
  legitFailed = 0;
  legitCalls = 0;
  /** The greedy client's attempts that got past the limiter, from the failure on. */
  greedyAdmitted = 0;
  /** Other clients' 429s (per-client tracking should leave them alone). */
  othersRateLimited = 0;
  /** The last attempt the SLO counts as bad, after the failure began; -1: none. */
  lastBadAt: Micros = -1;
  /** When each alert first fired after the failure began. */
  readonly firstFired = new Map<AlertName, Micros>();
  peakReplicas = 0;
  minReadyPods = Infinity;
  peakMemoryPct = 0;
  peakThrottledPct = 0;
  firstScaleUpAt: Micros = -1;
  migrationLockWaits = 0;
  migrationBackups = 0;
  private buckets: WindowCounts[] = [emptyCounts()];
  private seen = { oom: 0, startup: 0, denied: 0, timeouts: 0 };

  constructor(private readonly world: FirewallWorld, private readonly sim: Simulation, private readonly p: FirewallParams) {
    const faultAt = ms(p.faultAtMs);
    sim.at(faultAt, () => this.slo.open(faultAt));
    // The window ends with the load: the quiet minute after it holds no request.
    sim.at(ms(p.durationMs), () => this.slo.close(ms(p.durationMs)));
    world.clients.attempted.add((a) => this.attempt(a, faultAt));
    world.clients.finished.add((status, call) => { if (call.legit) this.finished(status, call, faultAt); });
    this.peakReplicas = world.deployment.replicas;
    sim.trace.addSink({ record: (r) => {
      if (r.kind === 'lock-busy') this.migrationLockWaits++;
      else if (r.kind === 'backup-taken') this.migrationBackups++;
    } });
    sim.schedule(STEP, () => this.evaluate());
  }

  private attempt(a: AttemptSeen, faultAt: Micros): void {
    this.statusCounts.set(a.status, (this.statusCounts.get(a.status) ?? 0) + 1);
    const b = this.buckets[this.buckets.length - 1]!;
    b.total++;
    if (isServerError(a.status)) b.serverErrors++;
    else if (a.status >= 400) b.clientErrors++;
    if (a.status === 401) b.unauthorized++;
    if (a.status === 429) b.rateLimited++;
    if (!a.legit) {
      this.attackerAttempts++;
      if (a.status === 429) this.attackerRateLimited++;
      return;
    }
    this.legitAttempts++;
    if (a.status === 401) this.legitUnauthorized++;
    if (a.status === 429) this.legitRateLimited++;
    if (a.client === 'client-greedy') { if (a.status !== 429) this.greedyAdmitted++; } else if (a.status === 429) this.othersRateLimited++;
    if (a.status === 200) this.latencies.add(a.latencyUs);
  }

  /**
   * The SLI is the user's: a legitimate request is good when its client
   * finally got an answer that is not a server error, within the latency
   * objective, retries and token refresh included. Counting attempts would
   * let retries triple an outage's weight, and hide nothing else.
   */
  private finished(status: Status, call: LogicalCall, faultAt: Micros): void {
    // A client over its rate limit waits by its own doing: its latency is not the service's.
    const good = !isServerError(status) && (call.throttled || status !== 200 || this.sim.now - call.startedAt <= ms(this.p.latencyObjectiveMs));
    this.slo.record(call.startedAt, good);
    if (!good && call.startedAt >= faultAt) this.lastBadAt = call.startedAt;
    if (call.startedAt < faultAt) return;
    this.legitCalls++;
    if (status !== 200) this.legitFailed++;
  }

  /** Every 15 s: the alert rules over the last minute, and the fleet's state. */
  private evaluate(): void {
    const w = this.world;
    const lastMinute = this.buckets.reduce((sum, b) => ({
      total: sum.total + b.total, serverErrors: sum.serverErrors + b.serverErrors, clientErrors: sum.clientErrors + b.clientErrors,
      unauthorized: sum.unauthorized + b.unauthorized, rateLimited: sum.rateLimited + b.rateLimited,
    }), emptyCounts());
    const c = w.shared.counters;
    const timeouts = w.pods.reduce((n, p) => n + p.db.timeouts, 0);
    const input = {
      world: w, lastMinute, oomKills: c.oomKills - this.seen.oom, startupFailures: c.startupFailures - this.seen.startup,
      deniedFlows: w.shared.policies.denied - this.seen.denied, queryTimeouts: timeouts - this.seen.timeouts,
    };
    this.seen = { oom: c.oomKills, startup: c.startupFailures, denied: w.shared.policies.denied, timeouts };
    if (this.sim.now >= ms(this.p.faultAtMs)) {
      for (const name of ALERT_NAMES) if (!this.firstFired.has(name) && ALERT_RULES[name](input)) this.firstFired.set(name, this.sim.now);
    }
    this.fleet();
    this.buckets.push(emptyCounts());
    if (this.buckets.length > 4) this.buckets.shift();
    if (this.sim.now < ms(this.p.durationMs) + sec(120)) this.sim.schedule(STEP, () => this.evaluate());
  }

  private fleet(): void {
    const w = this.world;
    if (w.deployment.replicas > this.peakReplicas && this.firstScaleUpAt < 0 && this.sim.now >= ms(this.p.faultAtMs)) this.firstScaleUpAt = this.sim.now;
    this.peakReplicas = Math.max(this.peakReplicas, w.deployment.replicas);
    if (this.sim.now >= ms(this.p.faultAtMs)) this.minReadyPods = Math.min(this.minReadyPods, w.frontDoor.readyPods);
    for (const p of w.pods) {
      if (p.pod.serving) this.peakMemoryPct = Math.max(this.peakMemoryPct, p.memory.percentOfLimit);
      const st = p.cpu.cpuStat;
      if (st.nrPeriods > 0) this.peakThrottledPct = Math.max(this.peakThrottledPct, (100 * st.nrThrottled) / st.nrPeriods);
    }
  }

  /** ms from the failure to the alert's first firing; NaN if it never fired. */
  detectionMs(name: AlertName): number {
    const at = this.firstFired.get(name);
    return at === undefined ? NaN : (at - ms(this.p.faultAtMs)) / 1000;
  }

  count(status: number): number {
    return this.statusCounts.get(status) ?? 0;
  }
}
