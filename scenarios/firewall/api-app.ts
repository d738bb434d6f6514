import { ms, type Micros, type Simulation, type RandomStream } from '../../src/scenario/index.js';
import type { CfsCpu } from '../../models/k8s/cfs-cpu.js';
import type { MemoryCgroup } from '../../models/k8s/memory-cgroup.js';
import type { ResilientCaller } from '../../models/resilience/resilient-caller.js';
import type { CallResult } from '../../models/resilience/call-result.js';
import type { AuthGate } from '../../models/auth/auth-gate.js';
import type { RateLimitGate } from '../../models/rate-limit/rate-limit-gate.js';
import type { DbLink, QueryOutcome } from './db-link.js';
import type { ApiRequest, Status } from './request.js';
import type { FirewallTemplate } from './template.js';

/** What the app needs from its surroundings: shared gates and its pod's own resources. */
export interface AppParts {
  readonly sim: Simulation;
  readonly pod: string;
  readonly template: FirewallTemplate;
  readonly auth: AuthGate;
  /** The pod's own limiter (per-pod placement) or the fleet's (shared). */
  readonly limiter: RateLimitGate;
  readonly cpu: CfsCpu;
  readonly memory: MemoryCgroup;
  readonly db: DbLink;
  readonly external: ResilientCaller;
  readonly rng: RandomStream;
  /** Whether the database's schema is one this release's queries work on. */
  schemaFits(): boolean;
}

export interface AppOptions {
  readonly workers: number;
  readonly queueLimit: number;
  readonly requestTimeoutMs: number;
  readonly cpuPerRequestMs: number;
  readonly memoryPerRequestBytes: number;
  /** The limiter is a middleware in front of authentication (else a route decorator behind it). */
  readonly limitBeforeAuth: boolean;
}

class Job {
  answered = false;
  timer = -1;
  constructor(readonly req: ApiRequest) {}
}

/**
 * The governance API inside one pod: authentication first (a failure is a
 * 401 at once, seed 004), the rate limit (429 with Retry-After), payload
 * validation (422), then a worker: CPU under the pod's CFS quota, one
 * query, the external API for some requests, and the answer. A request
 * still unanswered after the request timeout gets 504 while its worker goes
 * on (the server cannot take back work it started).
 */
export class ApiApp {
  served = 0;
  private busy = 0;
  private readonly queue: Job[] = [];
  private running = true;
  private drained: (() => void) | null = null;

  constructor(private readonly parts: AppParts, private readonly o: AppOptions) {}

  get inFlight(): number { return this.busy + this.queue.length; }

  arrive(req: ApiRequest): void {
    const p = this.parts;
    // Draining: the listening socket is closed, a new connection is refused.
    if (this.drained !== null) return req.answer(0, 0);
    if (this.o.limitBeforeAuth && this.limited(req)) return;
    if (p.auth.authenticate(req.credential) !== 'ok') return req.answer(401, 0);
    if (!this.o.limitBeforeAuth && this.limited(req)) return;
    if (req.badPayload) return req.answer(422, 0);
    const job = new Job(req);
    if (this.busy < this.o.workers) return this.serve(job);
    if (this.queue.length >= this.o.queueLimit) return req.answer(503, ms(1_000));
    job.timer = p.sim.schedule(ms(this.o.requestTimeoutMs), () => this.reply(job, 504));
    this.queue.push(job);
  }

  /** The rate limit's verdict; a refused request is answered 429 (Retry-After carries whole seconds, rounded up). */
  private limited(req: ApiRequest): boolean {
    const d = this.parts.limiter.admit(0, req.client);
    if (d.allowed) return false;
    req.answer(429, d.retryAfterS * 1_000_000);
    return true;
  }

  /** SIGTERM: no new requests; `done` once the last one in flight is answered. */
  drain(done: () => void): void {
    this.drained = done;
    if (this.inFlight === 0) done();
  }

  /** The pod's processes died: every request in it gets a reset connection. */
  stop(): void {
    this.running = false;
    for (const job of this.queue.splice(0)) this.reply(job, 0);
    this.busy = 0;
  }

  private serve(job: Job): void {
    const p = this.parts;
    this.busy++;
    if (job.timer < 0) job.timer = p.sim.schedule(ms(this.o.requestTimeoutMs), () => this.reply(job, 504));
    // The leak stays charged; the request's working memory is given back at its end.
    if (!p.memory.charge(this.o.memoryPerRequestBytes + p.template.leakPerRequestBytes)) return;
    p.cpu.run(ms(this.o.cpuPerRequestMs), () => this.computed(job));
  }

  private computed(job: Job): void {
    if (!this.running) return;
    // Lazy configuration fails where it is read; code on a schema it was not written for fails its queries.
    if (this.parts.template.badConfigField !== null || !this.parts.schemaFits()) return this.finish(job, 500);
    this.parts.db.query((o) => this.queried(job, o));
  }

  private queried(job: Job, o: QueryOutcome): void {
    if (!this.running) return;
    if (o !== 'ok') return this.finish(job, o === 'timeout' ? 504 : 503);
    if (!job.req.external) return this.finish(job, this.defectStatus());
    this.parts.external.call((r: CallResult) => this.called(job, r), job.req.sentAt + ms(this.o.requestTimeoutMs));
  }

  private called(job: Job, r: CallResult): void {
    if (!this.running) return;
    this.finish(job, r.ok ? this.defectStatus() : 503);
  }

  /** A release with an error-rate defect answers that share with 500 (seed 004, "High Error Rate (5xx)"). */
  private defectStatus(): Status {
    const d = this.parts.template.release.defect;
    return d.kind === 'error-rate' && this.parts.rng.next() < d.rate ? 500 : 200;
  }

  private finish(job: Job, status: Status): void {
    this.parts.memory.uncharge(this.o.memoryPerRequestBytes);
    this.reply(job, status);
    this.busy--;
    if (status === 200) this.served++;
    const next = this.queue.shift();
    if (next !== undefined) this.serve(next);
    else if (this.drained !== null && this.inFlight === 0) this.drained();
  }

  private reply(job: Job, status: Status): void {
    if (job.answered) return;
    job.answered = true;
    this.parts.sim.cancel(job.timer);
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    job.req.answer(status, status === 503 ? ms(1_000) : 0 as Micros);
  }
}
