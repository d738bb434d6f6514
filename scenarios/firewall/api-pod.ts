import { Pod } from '../../models/k8s/pod.js';
import { startReadinessProbe } from '../../models/k8s/readiness-probe.js';
import { CfsCpu } from '../../models/k8s/cfs-cpu.js';
import { MemoryCgroup } from '../../models/k8s/memory-cgroup.js';
import type { ObservableBreaker } from '../../models/breaker/breaker.js';
import type { Replica } from '../../models/k8s/deployment.js';
import { checkSchemaAtStartup } from '../../models/schema/startup-check.js';
import { RateLimitGate } from '../../models/rate-limit/rate-limit-gate.js';
import { ApiApp } from './api-app.js';
import type { FirewallEvents } from './firewall-events.js';
import { DbLink } from './db-link.js';
import type { FirewallShared } from './shared.js';
import type { ApiRequest } from './request.js';
import type { FirewallTemplate } from './template.js';
import { externalCaller } from './external.js';

/**
 * One API pod of the Deployment: the container (memory and CPU limits), a
 * readiness probe on /health (503 while the database is away, seed 004),
 * and at each container start the seed's fail-fast checks: configuration,
 * then the schema version. A failed check exits the process; the kubelet
 * restarts it under CrashLoopBackOff and the pod never becomes Ready.
 */
export class ApiPod implements Replica {
  readonly pod: Pod;
  readonly cpu: CfsCpu;
  readonly memory: MemoryCgroup;
  readonly db: DbLink;
  readonly limiter: RateLimitGate;
  app: ApiApp | null = null;
  /** The external API's breaker of the running process (a new process starts closed). */
  breaker: ObservableBreaker | null = null;
  /** Why the last start failed its checks (null: it passed). */
  startupFailure: string | null = null;
  readonly createdAt: number;
  /** When the Ready condition last changed (the HPA's readiness rules read it). */
  readySince: number;
  private readonly readyHooks: ((ready: boolean) => void)[] = [];
  private wasReady = false;

  constructor(private readonly s: FirewallShared, readonly name: string, readonly revision: number, readonly template: FirewallTemplate) {
    const { sim, params: p } = s;
    this.pod = new Pod(sim, s.network, name, { startupMs: p.startupMs, memoryLimited: true, replacedOnDelete: false, preStopMs: p.preStopMs });
    this.pod.setLabel('app', 'firewall');
    s.podLabels.set(name, { app: 'firewall', pod: name });
    this.createdAt = sim.now;
    this.readySince = sim.now;
    this.cpu = new CfsCpu(sim, `cpu/${name}`, { limitMillicores: p.cpuLimitMillicores, requestMillicores: p.cpuRequestMillicores });
    this.memory = new MemoryCgroup(sim, `memory/${name}`, { limitBytes: p.memoryLimitBytes });
    this.memory.onOomKill(() => { s.counters.oomKills++; s.counters.lastOomAt = sim.now; this.pod.crash('OOMKilled'); });
    this.db = new DbLink(sim, name, s.db, s.policies, {
      poolSize: p.poolSize, queryTimeoutMs: p.queryTimeoutMs, poolTimeoutMs: 30_000, reconnectBaseMs: p.reconnectBaseMs, reconnectCapMs: p.reconnectCapMs,
    }, () => s.integrity.restoring);
    this.limiter = p.rateLimiter === 'shared' ? s.sharedLimiter! : new RateLimitGate(sim, `ratelimit/${name}`, { placement: 'per-pod', pods: 1, limit: s.rateLimit });
    this.pod.onStart(() => this.started());
    this.pod.onStop(() => this.stopped());
    this.pod.onRoutingChange(() => this.routingChanged());
    startReadinessProbe(sim, this.pod, { kind: 'http', periodMs: 10_000, timeoutMs: 1_000, failureThreshold: 3, successThreshold: 1, check: () => this.healthy });
    // uvicorn on SIGTERM: stop accepting, finish what is in flight, exit.
    this.pod.onTerm(() => this.app === null ? this.pod.exited() : this.app.drain(() => this.pod.exited()));
    // The first pods are there when the story begins; later ones start up.
    if (sim.now === 0) this.started();
    else this.pod.boot();
    this.wasReady = this.ready;
  }

  get ready(): boolean { return this.pod.ready && !this.pod.deleting && !this.pod.removed; }
  /** /health: the app runs and its SELECT 1 gets an answer. */
  get healthy(): boolean { return this.app !== null && this.db.connected && this.db.reachable; }
  onReadyChange(cb: (ready: boolean) => void): void { this.readyHooks.push(cb); }
  terminate(): void { this.pod.terminate('scaled down', true); }

  private routingChanged(): void {
    const ready = this.ready;
    if (ready === this.wasReady) return;
    this.wasReady = ready;
    this.readySince = this.s.sim.now;
    for (const h of this.readyHooks) h(ready);
  }

  arrive(req: ApiRequest): void {
    if (this.app === null || !this.pod.serving) return req.answer(0, 0);
    this.app.arrive(req);
  }

  private started(): void {
    this.startupFailure = this.startupChecks();
    if (this.startupFailure !== null) {
      this.s.sim.trace.typed<FirewallEvents>().emit(this.name, 'startup-failed', { reason: this.startupFailure });
      this.s.counters.startupFailures++;
      this.pod.crash('Error');
      return;
    }
    const { sim, params: p } = this.s;
    this.memory.charge(p.baseMemoryBytes);
    this.db.open();
    const external = externalCaller(this.s, this.name);
    this.breaker = external.breaker;
    this.app = new ApiApp({
      sim, pod: this.name, template: this.template, auth: this.s.auth, limiter: this.limiter, cpu: this.cpu, memory: this.memory, db: this.db,
      external: external.caller, rng: sim.rng(`app/${this.name}`), schemaFits: () => this.s.schema.schema.worksWith(this.template.release),
    }, {
      workers: p.workersPerPod, queueLimit: p.queueLimitPerPod, requestTimeoutMs: p.requestTimeoutMs, cpuPerRequestMs: p.cpuPerRequestMs,
      memoryPerRequestBytes: p.memoryPerRequestBytes, limitBeforeAuth: p.rateLimitOrder === 'before-auth',
    });
  }

  /** Seed 004's fail-fast start: configuration (Pydantic), then the schema version; the reason of the first failure. */
  private startupChecks(): string | null {
    const t = this.template;
    if (t.release.defect.kind === 'crash-on-start') return `${t.release.name} crashed on start`;
    if (t.badConfigField !== null && this.s.params.configValidation === 'fail-fast') return `invalid configuration: ${t.badConfigField}`;
    if (this.s.params.schemaCheck === 'off') return null;
    const verdict = checkSchemaAtStartup(this.s.schema, t.release);
    return verdict.ok ? null : verdict.message;
  }

  private stopped(): void {
    this.app?.stop();
    this.app = null;
    this.breaker = null;
    this.s.counters.containerRestarts++;
    this.cpu.abortAll();
    this.db.close();
    this.memory.uncharge(this.memory.usageBytes);
    this.routingChanged();
  }
}
