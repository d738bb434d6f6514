import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { Fetcher, FetchWaiter, InFlightFetch } from './fetcher.js';
import type { KafkaRecord } from './partition-log.js';
import type { Reply } from './protocol.js';

/** What a poll needs of its consumer. */
export interface PollHost {
  readonly sim: Simulation;
  readonly fetcher: Fetcher;
  /** The poll starts: it counts as active, and poll() side effects (auto-commit) run. */
  pollStarted(): void;
  /** It ends, answered or killed. */
  pollEnded(run: PollRun): void;
  /** The partitions to fetch, empty while (re)joining or with nothing assigned. */
  fetchable(): readonly number[];
  generation(): number;
  /** Succeeds at the next assignment. */
  assignmentSignal(): Event<void>;
}

// What a poll waits for.
const POSITIONS = 0, FETCH = 1;

/**
 * One poll(): until its deadline, look up missing positions or wait for a
 * fetch's records, pausing after a failed request (fetcher.ts has the
 * mechanism). Callbacks in place of a poll process: a step runs in the
 * event that brings the reply it waited for, or at the deadline, and one
 * timer at the deadline serves every wait of the poll; the records go out
 * in the step that has them. A kill stops it at once, with a killed
 * process's bookkeeping.
 */
export class PollRun implements FetchWaiter {
  private started = false;
  private ended = false;
  private dead = false;
  private records: KafkaRecord[] = [];
  private pauseToken = -1;
  private timer = -1;
  private waitingFor = POSITIONS;
  /** The event a step waits for (with the deadline as time-out); null when none. */
  private awaited: Event<Reply<any>> | null = null;
  /** Waiting for the fetch in flight (`fetch`) to be answered. */
  private awaitingFetch = false;
  private reply: Reply<unknown> | null = null;
  private fetch: InFlightFetch | null = null;
  private readonly onReply = (ev: Event<Reply<any>>) => this.replied(ev);

  constructor(private readonly host: PollHost, private readonly deadline: Micros, private readonly answer: (records: KafkaRecord[]) => void) {}

  /** The poll process's first step. */
  start(): void {
    if (this.dead) return;
    this.started = true;
    this.host.pollStarted();
    this.loop();
  }

  /**
   * A process kill: a pending pause is cancelled and the poll stops counting
   * as active at once; the caller still gets an empty answer, at the
   * deadline, as consumer.poll promises.
   */
  kill(): void {
    if (this.ended || this.dead) return;
    this.dead = true;
    this.records = [];
    if (this.pauseToken >= 0) this.host.sim.cancel(this.pauseToken);
    if (this.timer >= 0) this.host.sim.cancel(this.timer);
    if (this.started) this.host.pollEnded(this);
    this.host.sim.schedule(0, answerLater, this);
  }

  private loop(): void {
    const sim = this.host.sim;
    if (this.deadline - sim.now <= 0) return this.end([]);
    const assigned = this.host.fetchable();
    if (assigned.length === 0) {
      sim.anyOf([this.host.assignmentSignal(), sim.timeout(this.deadline - sim.now)]).addCallback(() => { if (!this.dead) this.loop(); });
      return;
    }
    const generation = this.host.generation();
    const fetcher = this.host.fetcher;
    const missing = fetcher.missing(assigned);
    if (missing !== null) return this.wait(POSITIONS, fetcher.requestPositions(missing, generation));
    this.fetch = fetcher.currentFetch(assigned, generation);
    this.waitForFetch(this.fetch);
  }

  /** Like `wait`, for the fetch in flight: its reply now if it has come, else when it comes or at the deadline. */
  private waitForFetch(f: InFlightFetch): void {
    this.waitingFor = FETCH;
    this.reply = null;
    if (f.reply !== null) {
      this.reply = f.reply;
      return this._resume();
    }
    this.awaitingFetch = true;
    f.waiter = this;
    this.armDeadline();
  }

  /** The fetch this poll waits for was answered. */
  fetchReplied(f: InFlightFetch): void {
    if (f !== this.fetch || !this.awaitingFetch || this.dead) return;
    this.awaitingFetch = false;
    this.reply = f.reply;
    this._resume();
  }

  /** within(ev, deadline - now): the reply, or a time-out at the deadline (one timer for all the poll's waits). */
  private wait(what: number, ev: Event<Reply<any>>): void {
    this.waitingFor = what;
    this.awaited = ev;
    this.reply = null;
    this.armDeadline();
    ev.addCallback(this.onReply);
  }

  /** The one timer at the deadline that ends whichever wait is open then. */
  private armDeadline(): void {
    if (this.timer < 0) this.timer = this.host.sim.at(this.deadline, timedOut, this);
  }

  private replied(ev: Event<Reply<any>>): void {
    if (ev !== this.awaited || this.dead) return;
    this.awaited = null;
    this.reply = ev.value!;
    this._resume();
  }

  /** @internal The deadline: a wait still open ends without a reply. */
  _timedOut(): void {
    if (this.dead) return;
    if (this.awaitingFetch) {
      // The fetch stays in flight for a later poll; this one stops waiting for it.
      this.awaitingFetch = false;
      if (this.fetch !== null && this.fetch.waiter === this) this.fetch.waiter = null;
    } else if (this.awaited !== null) this.awaited = null;
    else return;
    this._resume();
  }

  /** @internal The step after a wait, with `reply` (null: timed out). */
  _resume(): void {
    if (this.dead) return;
    const reply = this.reply;
    if (this.waitingFor === POSITIONS) {
      if (reply !== null && !reply.ok) return this.pause();
      return this.loop();
    }
    if (reply === null) return this.loop();
    const fetcher = this.host.fetcher;
    const f = this.fetch!;
    fetcher.answered(f);
    if (!reply.ok) return this.pause();
    fetcher.succeeded();
    const records = fetcher.accept(reply.value as readonly KafkaRecord[], f.generation);
    if (records.length > 0) return this.end(records);
    this.loop();
  }

  private pause(): void {
    this.pauseToken = this.host.sim.schedule(this.host.fetcher.pauseAfterFailure(this.deadline), paused, this);
  }

  /** @internal The pause is over. */
  _paused(): void {
    this.pauseToken = -1;
    this.loop();
  }

  private end(records: KafkaRecord[]): void {
    this.ended = true;
    if (this.timer >= 0) this.host.sim.cancel(this.timer);
    this.records = records;
    this.host.pollEnded(this);
    this.answer(records);
  }

  /** @internal A killed poll's empty answer, at its deadline (see kill). */
  _answer(): void {
    this.answer(this.records);
  }

  /** @internal A killed poll answers empty at its deadline (or now, if that has passed). */
  _answerAtDeadline(): void {
    this.host.sim.at(Math.max(this.deadline, this.host.sim.now), answerNow, this);
  }
}

function timedOut(run: PollRun): void { run._timedOut(); }
function paused(run: PollRun): void { run._paused(); }
function answerNow(run: PollRun): void { run._answer(); }
function answerLater(run: PollRun): void { run._answerAtDeadline(); }
