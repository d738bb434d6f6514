import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { ServiceCall, ServiceReply } from '../service/service.js';
import type { CallError } from './call-result.js';
import type { GenericService } from '../service/service.js';
import type { GenericServiceOptions } from '../service/service-options.js';
import type { CallerOptions } from './caller-options.js';
import type { LogicalCall } from './logical-call.js';

const ERROR_OF: Readonly<Record<ServiceReply, CallError | null>> = { ok: null, error: 'error', refused: 'refused', reset: 'reset', overloaded: 'overloaded', conflict: 'conflict' };

/** What an attempt calls: a GenericService, or a router in front of several (models/deploy's BlueGreen). */
export type CallTarget = Pick<GenericService, 'arrive' | 'readVersion'> & { readonly options: Pick<GenericServiceOptions, 'optimisticConcurrency'> };

/** What an attempt needs of its caller (the ResilientCaller). */
export interface AttemptHost {
  readonly options: CallerOptions;
  readonly service: CallTarget;
  /** A fresh one-way network delay. */
  oneWay(): Micros;
  /** The attempt is over: `error` null for a live answer. */
  attemptEnded(call: LogicalCall, attempt: CallAttempt, error: CallError | null, durationUs: Micros, retryAfterUs: Micros): void;
}

/**
 * One attempt on the wire. The request reaches the service after a one-way
 * delay; if the host answers at the TCP level the connection counts as made
 * one more one-way delay later (the SYN-ACK's way back), and the read timeout
 * runs from then; if nothing answers, the connect timeout runs out. The
 * handshake rides with the request (a kept-alive connection costs no extra
 * round trip; a new one would add one: not modelled). Both timeouts are cut
 * short by the call's deadline. The answer travels back one-way; whatever
 * comes first (answer or timeout) ends the attempt, and a late answer is
 * dropped, as a client that closed its socket drops it.
 *
 * Against a service with optimistic concurrency the attempt is Brooker's
 * read-modify-write [BROOKER-SIM]: the read reaches the service one way
 * later and learns the row's version there, the write follows a round trip
 * later carrying it, and the service refuses it if another write committed
 * in between.
 */
export class CallAttempt implements ServiceCall {
  expectedVersion: number | undefined = undefined;
  private settled = false;
  /** The connect timer has been replaced by the read timer. */
  private readTimerSet = false;
  private timer = -1;
  private reply: ServiceReply = 'ok';
  private retryAfterUs: Micros = 0;
  private readonly startedAt: Micros;
  private readonly connectBy: Micros;

  constructor(private readonly sim: Simulation, private readonly caller: AttemptHost, private readonly call: LogicalCall,
    readonly gated: boolean, readonly deadlineAt: Micros) {
    this.startedAt = sim.now;
    this.connectBy = Math.min(this.startedAt + ms(caller.options.connectTimeoutMs), deadlineAt);
  }

  start(): void {
    this.timer = this.sim.at(this.connectBy, () => this.timedOut(this.connectBy === this.deadlineAt ? 'deadline' : 'connect-timeout'));
    const occ = this.caller.service.options.optimisticConcurrency;
    this.sim.schedule(this.caller.oneWay(), occ ? () => this.read() : () => this.write());
  }

  /** The read of a read-modify-write, at the service now; the write leaves when its answer is back. */
  private read(): void {
    if (this.settled) return;
    const r = this.caller.service.readVersion(this);
    if (r === 'silent' || r === 'refused') return; // the connect timer, or the refusal on its way back
    this.connected();
    if (r === 'hung') return;
    this.expectedVersion = r;
    this.sim.schedule(this.caller.oneWay() + this.caller.oneWay(), () => this.write());
  }

  /** The request (or the write) reaches the service. */
  private write(): void {
    if (this.settled) return; // the caller gave up before the request got there
    const reached = this.caller.service.arrive(this);
    if (!reached || this.settled || this.reply === 'refused' || this.readTimerSet) return;
    this.connected();
  }

  /** The connection is made (the SYN-ACK's way back): the read timeout replaces the connect timeout. */
  private connected(): void {
    const connectedAt = this.sim.now + this.caller.oneWay();
    if (connectedAt >= this.connectBy) return; // the SYN-ACK comes too late: the connect timer ends it
    this.sim.cancel(this.timer);
    const readBy = Math.min(connectedAt + ms(this.caller.options.readTimeoutMs), this.deadlineAt);
    this.readTimerSet = true;
    this.timer = this.sim.at(readBy, () => this.timedOut(readBy === this.deadlineAt ? 'deadline' : 'read-timeout'));
  }

  /** The service's answer, sent now: it arrives one way later unless the attempt ended first. */
  answer(reply: ServiceReply, retryAfterUs: Micros): void {
    if (this.settled) return;
    this.reply = reply;
    this.retryAfterUs = retryAfterUs;
    this.sim.schedule(this.caller.oneWay(), () => this.answered());
  }

  private answered(): void {
    if (this.settled) return;
    this.settle(ERROR_OF[this.reply], this.retryAfterUs);
  }

  private timedOut(error: CallError): void {
    if (this.settled) return;
    this.settle(error, 0);
  }

  private settle(error: CallError | null, retryAfterUs: Micros): void {
    this.settled = true;
    this.sim.cancel(this.timer);
    this.caller.attemptEnded(this.call, this, error, this.sim.now - this.startedAt, retryAfterUs);
  }
}
