import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import { isRetriable, type Reply } from './protocol.js';
import type { ReplyWaiter } from './rpc.js';

/** What a commit needs of its consumer. */
export interface CommitHost {
  readonly sim: Simulation;
  readonly requestTimeout: Micros;
  /** One OffsetCommit request; `waiter` gets its reply. */
  sendCommit(offsets: readonly (readonly [number, number])[], generation: number, timeout: Micros, waiter: ReplyWaiter<null>): void;
  backoff(attempt: number): Micros;
  /** Traces a commit that gave up. */
  failed(error: string, generation: number): void;
  /** It is over, committed or not. */
  ended(run: CommitRun): void;
}

const NO_REPLY: Reply<never> = { ok: false, error: 'no reply yet' };

/**
 * commitSync() of consumer.ts for the application, written as callbacks:
 * retries while the broker is unreachable until the timeout; a group error
 * fails at once. Callbacks in place of a commit process: a step runs in the
 * event that brings the broker's reply (or its time-out), and the outcome
 * goes out one event after the last step, as a finished process's would. A
 * killed commit answers false one event later, like a killed process.
 */
export class CommitRun implements ReplyWaiter<null> {
  reply: Reply<null> = NO_REPLY;
  private deadline: Micros = 0;
  private attempt = 0;
  private sleepToken = -1;
  private over = false;
  private committed = false;

  constructor(
    private readonly host: CommitHost,
    private readonly offsets: readonly (readonly [number, number])[],
    private readonly generation: number,
    private readonly timeout: Micros,
    private readonly answer: (ok: boolean) => void,
  ) {}

  /** The process's first step. */
  start(): void {
    if (this.over) return;
    this.deadline = this.host.sim.now + this.timeout;
    this.send();
  }

  kill(): void {
    if (this.over) return;
    this.over = true;
    if (this.sleepToken >= 0) this.host.sim.cancel(this.sleepToken);
    this.committed = false;
    this.host.sim.schedule(0, answer, this);
  }

  /** @internal Also each retry. */
  _send(): void {
    this.sleepToken = -1;
    this.attempt++;
    this.send();
  }

  private send(): void {
    const { host } = this;
    host.sendCommit(this.offsets, this.generation, Math.min(host.requestTimeout, this.deadline - host.sim.now), this);
  }

  replied(): void {
    if (this.over) return;
    const reply = this.reply;
    if (reply.ok) return this.end(true);
    const { host } = this;
    const pause = host.backoff(this.attempt);
    if (!isRetriable(reply.error) || host.sim.now + pause >= this.deadline) {
      host.failed(reply.error, this.generation);
      return this.end(false);
    }
    this.sleepToken = host.sim.schedule(pause, retry, this);
  }

  private end(ok: boolean): void {
    this.over = true;
    this.committed = ok;
    this.host.ended(this);
    this.host.sim.schedule(0, answer, this);
  }

  /** @internal One event after the end. */
  _answer(): void {
    this.answer(this.committed);
  }
}

function retry(run: CommitRun): void { run._send(); }
function answer(run: CommitRun): void { run._answer(); }
