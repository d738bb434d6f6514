import type { Event } from '../../src/kernel/event.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { wait } from '../../src/kernel/wait.js';
import { AttemptLog } from './attempt-log.js';
import { fullJitterMs } from './backoff.js';

/** Retries of a failed attempt: how many attempts in all, and the full-jitter back-off between them. */
export interface RetryOptions {
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
}

export interface RetryClientOptions extends RetryOptions {
  /** How long one attempt of `call` waits for its answer (a client-side request timeout). */
  readonly timeoutMs?: number;
  /** The random stream of the back-off; default `client/<name>`. */
  readonly rngName?: string;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A client that retries: an attempt that fails (an error answer, no answer
 * within the timeout, nowhere to send) is tried again after exponential
 * back-off with full jitter, as the AWS SDKs do (Brooker, "Exponential
 * Backoff And Jitter", 2015), up to `maxAttempts` attempts in all. No circuit
 * breaker: every caller keeps retrying however many others fail. One random
 * draw per retry, from one stream for all of this client's calls.
 */
export class RetryClient {
  /** Every attempt with its start, end and success (unavailability windows are read from it). */
  readonly attempts = new AttemptLog();
  private readonly rng: RandomStream;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly o: RetryClientOptions) {
    this.rng = sim.rng(o.rngName ?? `client/${name}`);
  }

  /** Runs `attempt` until it succeeds or `maxAttempts` have failed; answers the last attempt's result. */
  *retry<T>(attempt: () => ProcessGenerator<AttemptResult<T>>): ProcessGenerator<AttemptResult<T>> {
    let last: AttemptResult<T> = { ok: false, error: 'no attempt' };
    for (let n = 0; n < this.o.maxAttempts; n++) {
      if (n > 0) yield this.sim.sleep(ms(fullJitterMs(this.rng, n - 1, this.o.backoffBaseMs, this.o.backoffCapMs)));
      const start = this.sim.now;
      last = yield* attempt();
      this.attempts.record(start, this.sim.now, last.ok);
      if (last.ok) return last;
    }
    return last;
  }

  /**
   * One request per attempt: `send` answers the reply's event, or undefined
   * when there is nowhere to send it (a failed attempt at once); the reply
   * must come within `timeoutMs` and pass `accept`.
   */
  *call<T>(send: () => Event<T> | undefined, accept: (answer: T) => boolean = () => true): ProcessGenerator<AttemptResult<T>> {
    if (this.o.timeoutMs === undefined) throw new Error(`${this.name}: call needs timeoutMs`);
    const timeout = ms(this.o.timeoutMs);
    return yield* this.retry(() => this.once(send, accept, timeout));
  }

  private *once<T>(send: () => Event<T> | undefined, accept: (answer: T) => boolean, timeout: number): ProcessGenerator<AttemptResult<T>> {
    const reply = send();
    if (reply === undefined) return { ok: false, error: 'no backend' };
    const r = yield* wait(this.sim.within(reply, timeout));
    if (!r.ok) return { ok: false, error: 'timeout' };
    return accept(r.value) ? { ok: true, value: r.value } : { ok: false, error: String(r.value) };
  }
}
