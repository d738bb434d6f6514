import type { Simulation } from '../../../src/kernel/simulation.js';
import { ms, toMs } from '../../../src/kernel/time.js';
import type { TypedTrace } from '../../../src/kernel/trace-events.js';
import { DEFAULT_JAVA_FAILOVER, decideFailover, type JavaFailoverOptions } from '../failover-schedule.js';
import type { HdfsEvents } from '../hdfs-events.js';
import { DEFAULT_IPC, DEFAULT_NAMENODE, type IpcOptions } from '../hdfs-options.js';
import type { NameNode } from '../namenode.js';
import type { HdfsClient, ReadResult } from './read-result.js';
import { FailoverProxy } from './failover-proxy.js';
import { callNameNode } from './rpc-call.js';

export interface JavaClientOptions extends JavaFailoverOptions, IpcOptions {
  /** The host the client runs on (a partitioned NameNode does not reach it). */
  readonly host: string;
  readonly rpcLatencyMs: number;
}

export const DEFAULT_JAVA_CLIENT: JavaClientOptions = { ...DEFAULT_JAVA_FAILOVER, ...DEFAULT_IPC, host: 'client', rpcLatencyMs: DEFAULT_NAMENODE.rpcLatencyMs };

/**
 * DFSClient with ConfiguredFailoverProxyProvider and
 * RetryPolicies.failoverOnNetworkException [HADOOP-RP], [HDFS-CKEYS]: calls the
 * current NameNode (the first configured at start, then whichever last
 * served); after a failure the policy decides, the client sleeps, fails over
 * and calls again, until a call succeeds or 15 failovers were made.
 *
 * The proxy is one per client and kept between reads; the retry counters are
 * per read, as RetryInvocationHandler keeps them [HADOOP-RIH]: each read
 * counts its own failovers (the limit and the sleep use that count, the
 * Counters of its Call), while the proxy moves only if no other read moved it
 * since this read's failed call was sent (FailoverProxy). Concurrent reads
 * failing together therefore switch the NameNode once, not once each, which
 * would flip it back and forth.
 */
export class JavaHdfsClient implements HdfsClient {
  readonly kind = 'java';
  private readonly proxy: FailoverProxy;
  private readonly o: JavaClientOptions;
  private readonly trace: TypedTrace<HdfsEvents>;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly namenodes: readonly NameNode[], options: Partial<JavaClientOptions> = {}) {
    this.o = { ...DEFAULT_JAVA_CLIENT, ...options };
    this.trace = sim.trace.typed<HdfsEvents>();
    this.proxy = new FailoverProxy(namenodes.length);
  }

  /** The NameNode the next call goes to. */
  get currentNameNode(): string { return this.namenodes[this.proxy.current]!.name; }

  /** How many times the client's proxy was actually switched (all reads together). */
  get proxyFailovers(): number { return this.proxy.failoverCount; }

  read(path: string, done: (result: ReadResult) => void): void {
    const start = this.sim.now;
    const rng = this.sim.rng(`hdfs/${this.name}`);
    let attempts = 0, failovers = 0;
    const finish = (servedBy: string | null, error: string | null) => {
      this.trace.emit(this.name, 'read-done', { client: this.name, path, ok: error === null, attempts, error });
      done({ ok: error === null, attempts, servedBy, error, elapsedMs: toMs(this.sim.now - start) });
    };
    const attempt = (): void => {
      const nn = this.namenodes[this.proxy.current]!;
      // Read before the call is sent (Call.invokeOnce): the failover below checks it.
      const expectedFailoverCount = this.proxy.failoverCount;
      attempts++;
      callNameNode(this.sim, nn, this.o.host, this.o, this.o.rpcLatencyMs, (outcome) => {
        this.trace.emit(this.name, 'attempt', { client: this.name, namenode: nn.name, attempt: attempts, outcome });
        if (outcome === 'ok') return finish(nn.name, null);
        const decision = decideFailover(outcome, failovers, this.o);
        if (decision.action === 'fail') return finish(null, `${outcome}: ${decision.reason}`);
        const sleepMs = Math.floor(decision.sleepBaseMs * (rng.next() + 0.5));
        if (sleepMs > 0) this.trace.emit(this.name, 'sleep', { client: this.name, ms: sleepMs });
        this.sim.schedule(ms(sleepMs), () => {
          // After the sleep, as processRetryInfo does: the read's own count goes up whether or not the proxy moved.
          const switched = this.proxy.failover(expectedFailoverCount);
          failovers++;
          this.trace.emit(this.name, 'failover', { client: this.name, from: nn.name, to: this.currentNameNode, failovers, switched });
          attempt();
        });
      });
    };
    attempt();
  }
}
