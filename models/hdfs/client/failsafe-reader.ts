import type { Simulation } from '../../../src/kernel/simulation.js';
import { toMs } from '../../../src/kernel/time.js';
import type { TypedTrace } from '../../../src/kernel/trace-events.js';
import type { ObservableBreaker } from '../../breaker/breaker.js';
import { createBreaker, type BreakerKind } from '../../breaker/breaker-switch.js';
import type { HdfsEvents } from '../hdfs-events.js';
import type { NameNode } from '../namenode.js';
import type { HdfsClient, ReadResult } from './read-result.js';
import { callNameNode, type NameNodeCallOutcome } from './rpc-call.js';
import { DEFAULT_SWEEP_CLIENT, type SweepClientOptions } from './single-sweep-client.js';

export interface FailsafeReaderOptions extends SweepClientOptions {
  /** The breaker around the primary (seed: a `CircuitBreaker`, kind unstated): a house breaker kind with its library defaults. */
  readonly breaker: Exclude<BreakerKind, 'none'>;
}

export const DEFAULT_FAILSAFE_READER: FailsafeReaderOptions = { ...DEFAULT_SWEEP_CLIENT, breaker: 'consecutive' };

/**
 * Seed 003's `FailsafeHdfsReader.execute_with_failover`, as coded: one call
 * to the primary NameNode through the circuit breaker; on its failure (or
 * the breaker's rejection) each backup NameNode once, in order, without
 * sleeping; "All NameNodes failed" when none serves. A backup that is
 * standby answers StandbyException, which counts as a failure.
 */
export class FailsafeHdfsReader implements HdfsClient {
  readonly kind = 'failsafe';
  readonly breaker: ObservableBreaker;
  private readonly o: FailsafeReaderOptions;
  private readonly trace: TypedTrace<HdfsEvents>;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly namenodes: readonly NameNode[], options: Partial<FailsafeReaderOptions> = {}) {
    this.o = { ...DEFAULT_FAILSAFE_READER, ...options };
    this.trace = sim.trace.typed<HdfsEvents>();
    this.breaker = createBreaker(this.o.breaker, {}, sim.now)!;
  }

  read(path: string, done: (result: ReadResult) => void): void {
    const start = this.sim.now;
    let attempts = 0;
    const finish = (servedBy: string | null, error: string | null) => {
      this.trace.emit(this.name, 'read-done', { client: this.name, path, ok: error === null, attempts, error });
      done({ ok: error === null, attempts, servedBy, error, elapsedMs: toMs(this.sim.now - start) });
    };
    const call = (nn: NameNode, then: (o: NameNodeCallOutcome) => void) => {
      attempts++;
      callNameNode(this.sim, nn, this.o.host, this.o, this.o.rpcLatencyMs, (outcome) => {
        this.trace.emit(this.name, 'attempt', { client: this.name, namenode: nn.name, attempt: attempts, outcome });
        then(outcome);
      });
    };
    const backup = (i: number): void => {
      const nn = this.namenodes[i];
      if (nn === undefined) return finish(null, 'All NameNodes failed');
      call(nn, (o) => (o === 'ok' ? finish(nn.name, null) : backup(i + 1)));
    };
    const primary = this.namenodes[0]!;
    if (!this.breaker.tryAcquire(this.sim.now)) {
      this.trace.emit(this.name, 'breaker-rejected', { client: this.name, namenode: primary.name });
      return backup(1);
    }
    const sent = this.sim.now;
    call(primary, (o) => {
      if (o === 'ok') { this.breaker.onSuccess(this.sim.now, this.sim.now - sent); return finish(primary.name, null); }
      this.breaker.onFailure(this.sim.now, this.sim.now - sent);
      backup(1);
    });
  }
}
