import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { TimeoutQueue } from '../../src/kernel/timeout-queue.js';
import type { Pod } from '../k8s/pod.js';
import type { Service } from '../k8s/service.js';
import type { Network } from '../net/network.js';
import { AttemptLog } from './attempt-log.js';
import { fullJitterMs } from './backoff.js';
import type { Responder } from './responder.js';
import type { RetryOptions } from './retry-client.js';

/**
 * An application's database client behind a Kubernetes Service. It keeps its
 * connections on one endpoint until one breaks, then reconnects through the
 * Service. Connecting to a machine that is gone waits for the connect
 * timeout; to a Service without endpoints or a pod whose process died it is
 * refused at once; a frozen server accepts the connection and then answers
 * nothing until the read timeout. Failed attempts are retried with
 * exponential back-off and full jitter (as RetryClient, one draw per retry
 * from the stream `client/<name>`).
 *
 * Written as callbacks rather than a process per request: a request is one
 * small object, an attempt another, and an answered attempt costs the two
 * network events of its round trip and nothing else (its read timeout is in
 * the client's TimeoutQueue, not a timer of its own).
 */
export interface ClientOptions extends RetryOptions {
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
}

/** What a request does at the server, what counts as success, and who hears the end. */
export interface SqlQuery<T> {
  /** Runs at `server` when request `id` arrives: answers through `responder` now, later or never. */
  run(server: string, id: number, responder: Responder<T>): void;
  /**
   * For a read of recorded state: the answer `server` gave if request `id`
   * reached it at `t` (now or a moment ago), undefined for none. With it,
   * an attempt's round trip takes one event (Network.roundTrip).
   */
  answerAt?(server: string, id: number, t: Micros): T | undefined;
  /** Whether an answer is a success; an error answer (say "read-only") is retried like a timeout. */
  accept(answer: T): boolean;
  /** The request ended, after its last attempt: ok, or that attempt's error. */
  done(id: number, issuedAt: Micros, ok: boolean, error: string): void;
}

/** One request with its retries. */
class SqlRequest<T> {
  attempts = 0;
  current: SqlAttempt<T> | null = null;
  readonly issuedAt: Micros;
  constructor(readonly client: SqlClient, readonly query: SqlQuery<T>, readonly id: number) {
    this.issuedAt = client.sim.now;
  }
}

const CONNECTING = 0, AWAITING = 1, OVER = 2;

/** One attempt: connect if need be, send, wait for the answer or the read timeout. */
class SqlAttempt<T> implements Responder<T> {
  phase = CONNECTING;
  answer: T | undefined = undefined;
  /** Its read timeout's ticket, while it awaits the answer. */
  timeout = -1;
  readonly start: Micros;
  constructor(readonly request: SqlRequest<T>, readonly server: string, readonly pod: Pod) {
    this.start = request.client.sim.now;
  }

  /** At the server: a serving pod runs the query; a frozen or dead one answers nothing. */
  serve(): void {
    if (this.pod.serving) this.request.query.run(this.server, this.request.id, this);
  }

  respond(answer: T): void {
    const c = this.request.client;
    this.answer = answer;
    c.net.send(this.server, c.host, replyArrives, this);
  }
}

function connected(a: SqlAttempt<any>): void { a.request.client._connected(a); }
function connectTimedOut(a: SqlAttempt<any>): void { a.request.client._failed(a, 'connect timeout', false); }
function requestArrives(a: SqlAttempt<any>): void { a.serve(); }
function replyArrives(a: SqlAttempt<any>): void { a.request.client._replied(a); }
function answeredAhead(a: SqlAttempt<any>, servedAt: Micros): void { a.request.client._answeredAt(a, servedAt); }
function retry(r: SqlRequest<any>): void { r.client._attempt(r); }
function awaiting(a: SqlAttempt<any>): boolean { return a.phase === AWAITING; }
function readTimedOut(a: SqlAttempt<any>): void { a.request.client._failed(a, 'read timeout', true); }

export class SqlClient {
  private endpoint: string | null = null;
  /** Every attempt with its start, end and success. */
  readonly attempts = new AttemptLog();
  private readonly rng: RandomStream;
  private readonly readTimeouts: TimeoutQueue<SqlAttempt<any>>;

  constructor(
    /** @internal */ readonly sim: Simulation,
    /** @internal */ readonly net: Network,
    readonly host: string,
    private readonly service: Service,
    private readonly pods: ReadonlyMap<string, Pod>,
    private readonly o: ClientOptions,
    name: string,
  ) {
    this.rng = sim.rng(`client/${name}`);
    this.readTimeouts = new TimeoutQueue(sim, ms(o.readTimeoutMs), awaiting, readTimedOut);
  }

  /** Sends request `id` now; `query.done` hears how it ended after up to maxAttempts attempts. */
  execute<T>(query: SqlQuery<T>, id: number): void {
    this._attempt(new SqlRequest(this, query, id));
  }

  /** @internal Starts the request's next attempt. */
  _attempt<T>(r: SqlRequest<T>): void {
    r.attempts++;
    const server = this.endpoint ?? this.service.pick();
    if (server === undefined) { this.end(r, this.sim.now, false, 'connection refused (no endpoints)'); return; }
    const a = new SqlAttempt(r, server, this.pods.get(server)!);
    r.current = a;
    if (this.endpoint !== null) { this.send(a); return; }
    if (!this.net.connected(this.host, server) || a.pod.state === 'node-down') {
      // SYN unanswered: a machine that is gone, or a cut link.
      this.sim.schedule(ms(this.o.connectTimeoutMs), connectTimedOut, a);
      return;
    }
    this.sim.schedule(this.net.latency(this.host, server) + this.net.latency(server, this.host), connected, a);
  }

  /** @internal The TCP handshake came back: a live machine whose server process is not running answers with a reset. */
  _connected(a: SqlAttempt<unknown>): void {
    if (!a.pod.acceptsTcp) { this._failed(a, 'connection refused', false); return; }
    this.endpoint = a.server;
    this.send(a);
  }

  private send(a: SqlAttempt<unknown>): void {
    a.phase = AWAITING;
    a.timeout = this.readTimeouts.start(a);
    if (a.request.query.answerAt !== undefined) this.net.roundTrip(this.host, a.server, requestArrives, answeredAhead, a);
    else this.net.send(this.host, a.server, requestArrives, a);
  }

  /** @internal A one-event round trip's reply arrived: what the server answered when the request reached it. */
  _answeredAt<T>(a: SqlAttempt<T>, servedAt: Micros): void {
    // As serve() would have found it then: a frozen or dead server answers nothing.
    if (!a.pod.servingAt(servedAt)) return;
    const answer = a.request.query.answerAt!(a.server, a.request.id, servedAt);
    if (answer === undefined) return;
    a.answer = answer;
    this._replied(a);
  }

  /** @internal An answer arrived; one after the read timeout is ignored. */
  _replied<T>(a: SqlAttempt<T>): void {
    if (a.phase !== AWAITING) return;
    const answer = a.answer as T;
    if (!a.request.query.accept(answer)) {
      // An error answer such as "read-only transaction": the server is no longer what we need.
      this._failed(a, String(answer), true);
      return;
    }
    this.over(a);
    this.attempts.record(a.start, this.sim.now, true);
    a.request.query.done(a.request.id, a.request.issuedAt, true, '');
  }

  /**
   * @internal The attempt failed: retry after back-off or give up. A failure
   * on the connection (`dropConnection`) makes the next attempt reconnect
   * through the Service; a connect that never completed leaves the client's
   * connection (another request's, maybe) as it was.
   */
  _failed(a: SqlAttempt<unknown>, error: string, dropConnection: boolean): void {
    this.over(a);
    if (dropConnection) this.endpoint = null;
    this.end(a.request, a.start, false, error);
  }

  private over(a: SqlAttempt<unknown>): void {
    if (a.phase === AWAITING) this.readTimeouts.settle(a.timeout);
    a.phase = OVER;
  }

  private end(r: SqlRequest<any>, start: Micros, ok: boolean, error: string): void {
    this.attempts.record(start, this.sim.now, ok);
    if (r.attempts >= this.o.maxAttempts) { r.query.done(r.id, r.issuedAt, false, error); return; }
    this.sim.schedule(ms(fullJitterMs(this.rng, r.attempts - 1, this.o.backoffBaseMs, this.o.backoffCapMs)), retry, r);
  }
}
