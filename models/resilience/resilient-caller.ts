import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { CircuitBreaker } from '../breaker/breaker.js';
import { Hooks } from '../client/hooks.js';
import type { RetryBudget } from '../retry/retry-budget.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { ServiceCall, ServiceReply } from '../service/service.js';
import { CallAttempt, type AttemptHost, type CallTarget } from './call-attempt.js';
import type { CallError, CallGate, CallResult } from './call-result.js';
import { LogicalCall } from './logical-call.js';
import { DEFAULT_CALLER, checkCallerOptions, type CallerOptions } from './caller-options.js';

/** The patterns a caller applies, each optional but the retry policy ('none' makes one attempt). */
export interface CallerPatterns {
  readonly retry: RetryPolicy;
  readonly budget?: RetryBudget | null;
  readonly breaker?: CircuitBreaker | null;
  readonly bulkhead?: CallGate | null;
}

/**
 * A client of one service (a GenericService, or a router such as BlueGreen), with the patterns in resilience4j's decorator
 * order, Retry(CircuitBreaker(Bulkhead(call))) with a fallback around all
 * of it [R4J-ORDER]: every try asks the breaker, then the bulkhead, then
 * goes out; its outcome is recorded by the breaker (a bulkhead rejection
 * too: it is an exception inside the breaker); a failed try is retried
 * after the policy's delay while the policy, the retry budget and the
 * deadline allow. A try the breaker rejects is retried as well, as
 * resilience4j's Retry retries every exception by default, unless
 * `retryWhenOpen` is off (ignoreExceptions(CallNotPermittedException)).
 */
export class ResilientCaller implements AttemptHost {
  readonly options: CallerOptions;
  /** Every call, when it ends (observers measure from here). */
  readonly completed = new Hooks<CallResult>();
  /** Every attempt, when it goes out on the network (the instant). */
  readonly sent = new Hooks<Micros>();
  /** Every retry when it is decided: which retry of its call (1 = the first) and its delay. */
  readonly retried = new Hooks<number, Micros>();
  attemptsSent = 0;
  retries = 0;
  breakerRejections = 0;
  bulkheadRejections = 0;
  budgetDenials = 0;
  /** When the last live answer arrived (the cache fallback's value); -1: never. */
  lastLiveAt: Micros = -1;
  private readonly netRng: RandomStream;
  private readonly retryRng: RandomStream;
  private readonly retryNow = (c: LogicalCall) => this.attempt(c);
  private readonly sendGated = (c: LogicalCall) => this.send(c, true);
  private readonly gateFull = (_error: string, c: LogicalCall) => {
    this.bulkheadRejections++;
    this.attemptEnded(c, null, 'bulkhead-full', 0, 0);
  };

  constructor(private readonly sim: Simulation, readonly name: string, readonly service: CallTarget, private readonly patterns: CallerPatterns, options: Partial<CallerOptions> = {}) {
    this.options = { ...DEFAULT_CALLER, ...options };
    checkCallerOptions(name, this.options);
    this.netRng = sim.rng(`caller/${name}/net`);
    this.retryRng = sim.rng(`caller/${name}/retry`);
  }

  /**
   * Starts one logical call now; `done` hears its result once. A call made
   * while serving another passes that one's deadline (`inheritedDeadlineAt`,
   * absolute): the earlier of it and this caller's own applies, as gRPC
   * propagates a deadline to the calls a handler makes.
   */
  call(done: (r: CallResult) => void, inheritedDeadlineAt: Micros = Infinity): void {
    const now = this.sim.now, d = this.options.deadlineMs;
    const c = new LogicalCall(done, now, Math.min(inheritedDeadlineAt, d > 0 ? now + ms(d) : Infinity));
    this.patterns.budget?.deposit(now);
    this.attempt(c);
  }

  /** One-way network delay, |N(mean, sd)| as in Brooker's simulator. */
  oneWay(): Micros {
    const o = this.options;
    return ms(o.oneWaySdMs > 0 ? Math.abs(this.netRng.normal(o.oneWayMs, o.oneWaySdMs)) : o.oneWayMs);
  }

  private attempt(c: LogicalCall): void {
    const now = this.sim.now;
    if (now >= c.deadlineAt) return this.giveUp(c, 'deadline');
    c.tries++;
    const breaker = this.patterns.breaker;
    if (breaker && !breaker.tryAcquire(now)) {
      this.breakerRejections++;
      return this.options.retryWhenOpen ? this.retryOrGiveUp(c, 'breaker-open', 0) : this.giveUp(c, 'breaker-open');
    }
    const gate = this.patterns.bulkhead;
    if (!gate) return this.send(c, false);
    gate.acquire(this.sendGated, this.gateFull, c);
  }

  private send(c: LogicalCall, gated: boolean): void {
    if (this.sim.now >= c.deadlineAt) {
      // A bulkhead that made the try wait let it in after the deadline: nothing goes out.
      if (gated) this.patterns.bulkhead!.release();
      return this.giveUp(c, 'deadline');
    }
    c.attempts++;
    this.attemptsSent++;
    this.sent.call(this.sim.now, undefined);
    new CallAttempt(this.sim, this, c, gated, c.deadlineAt).start();
  }

  /** A try is over: `attempt` null when it never went out (a full bulkhead); `error` null for a live answer. */
  attemptEnded(c: LogicalCall, attempt: CallAttempt | null, error: CallError | null, durationUs: Micros, retryAfterUs: Micros): void {
    const now = this.sim.now, p = this.patterns;
    if (attempt?.gated) p.bulkhead!.release();
    if (error === null) p.breaker?.onSuccess(now, durationUs);
    else p.breaker?.onFailure(now, durationUs);
    if (error === null) {
      p.budget?.onSuccess(now, c.tries > 1, c.lastRetryCause);
      this.lastLiveAt = now;
      return this.end(c, true, 'live', null);
    }
    // Budgets count what the server answered (gRPC's throttle counts only server failures); a full bulkhead is local.
    if (attempt !== null) p.budget?.onFailure(now);
    this.retryOrGiveUp(c, error, retryAfterUs);
  }

  private retryOrGiveUp(c: LogicalCall, error: CallError, retryAfterUs: Micros): void {
    const now = this.sim.now, p = this.patterns;
    const delay = p.retry.delayBefore(c.tries + 1, c.previousDelayUs, this.retryRng, retryAfterUs > 0 ? retryAfterUs : undefined);
    if (delay === null) return this.giveUp(c, error);
    if (now + delay >= c.deadlineAt) return this.giveUp(c, 'deadline');
    const cause = error === 'read-timeout' || error === 'connect-timeout' ? 'timeout' : 'error';
    if (p.budget && !p.budget.tryWithdraw(now, cause)) {
      this.budgetDenials++;
      return this.giveUp(c, 'budget-exhausted');
    }
    this.retries++;
    this.retried.call(c.tries, delay);
    c.previousDelayUs = delay;
    c.lastRetryCause = cause;
    this.sim.schedule(delay, this.retryNow, c);
  }

  /** No live answer: the fallback, if one is configured and has something to give. */
  private giveUp(c: LogicalCall, error: CallError): void {
    const f = this.options.fallback;
    if (f === 'default') return this.end(c, true, 'default', error);
    if (f === 'cache' && this.lastLiveAt >= 0) {
      c.staleUs = this.sim.now - this.lastLiveAt;
      return this.end(c, true, 'cache', error);
    }
    this.end(c, false, 'none', error);
  }

  private end(c: LogicalCall, ok: boolean, source: CallResult['source'], error: CallError | null): void {
    c.ok = ok;
    c.source = source;
    c.error = error;
    c.endedAt = this.sim.now;
    this.completed.call(c, undefined);
    c.done(c);
  }
}

export type { ServiceCall, ServiceReply };
