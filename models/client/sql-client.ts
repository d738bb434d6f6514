import type { Event } from '../../src/kernel/event.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Pod } from '../k8s/pod.js';
import type { Service } from '../k8s/service.js';
import type { Network } from '../net/network.js';
import type { AttemptLog } from './attempt-log.js';
import { RetryClient, type AttemptResult, type RetryOptions } from './retry-client.js';
import { wait } from '../../src/kernel/wait.js';

/**
 * An application's database client behind a Kubernetes Service. It keeps its
 * connections on one endpoint until one breaks, then reconnects through the
 * Service. Connecting to a machine that is gone waits for the connect
 * timeout; to a Service without endpoints or a pod whose process died it is
 * refused at once; a frozen server accepts the connection and then answers
 * nothing until the read timeout. Failed attempts are retried with
 * exponential back-off and full jitter.
 */
export interface ClientOptions extends RetryOptions {
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
}


export class SqlClient {
  private endpoint: string | null = null;
  private readonly retries: RetryClient;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly host: string,
    private readonly service: Service,
    private readonly pods: ReadonlyMap<string, Pod>,
    private readonly o: ClientOptions,
    name: string,
  ) {
    this.retries = new RetryClient(sim, name, o);
  }

  /** Every attempt with its start, end and success. */
  get attempts(): AttemptLog {
    return this.retries.attempts;
  }

  /**
   * Runs `query` at the server with retries. `query` executes where the
   * request lands and answers a value or an event of one; `accept` says
   * whether the answer is a success (an error answer is retried too).
   */
  *execute<T>(query: (server: string) => T | Event<T>, accept: (answer: T) => boolean): ProcessGenerator<AttemptResult<T>> {
    return yield* this.retries.retry(() => this.attempt(query, accept));
  }

  private *attempt<T>(query: (server: string) => T | Event<T>, accept: (answer: T) => boolean): ProcessGenerator<AttemptResult<T>> {
    const server = this.endpoint ?? this.service.pick();
    if (server === undefined) return { ok: false, error: 'connection refused (no endpoints)' };
    const pod = this.pods.get(server)!;
    if (this.endpoint === null) {
      const connected = yield* this.connect(server, pod);
      if (!connected.ok) return connected;
      this.endpoint = server;
    }
    const timeout: Micros = ms(this.o.readTimeoutMs);
    const r = yield* wait(this.net.call(this.host, server, () => (pod.serving ? query(server) : undefined), timeout));
    if (!r.ok) {
      this.endpoint = null;
      return { ok: false, error: 'read timeout' };
    }
    if (!accept(r.value)) {
      // An error answer such as "read-only transaction": the server is no longer what we need.
      this.endpoint = null;
      return { ok: false, error: String(r.value) };
    }
    return { ok: true, value: r.value };
  }

  private *connect(server: string, pod: Pod): ProcessGenerator<AttemptResult<true>> {
    if (!this.net.connected(this.host, server) || pod.state === 'node-down') {
      // SYN unanswered: a machine that is gone, or a cut link.
      yield this.sim.sleep(ms(this.o.connectTimeoutMs));
      return { ok: false, error: 'connect timeout' };
    }
    yield this.sim.sleep(this.net.latency(this.host, server) + this.net.latency(server, this.host));
    // A live machine whose server process is not running answers with a reset.
    return pod.acceptsTcp ? { ok: true, value: true } : { ok: false, error: 'connection refused' };
  }
}
