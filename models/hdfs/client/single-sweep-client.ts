import type { Simulation } from '../../../src/kernel/simulation.js';
import { toMs } from '../../../src/kernel/time.js';
import type { TypedTrace } from '../../../src/kernel/trace-events.js';
import type { HdfsEvents } from '../hdfs-events.js';
import { DEFAULT_IPC, DEFAULT_NAMENODE, type IpcOptions } from '../hdfs-options.js';
import type { NameNode } from '../namenode.js';
import type { HdfsClient, ReadResult } from './read-result.js';
import { callNameNode } from './rpc-call.js';

export interface SweepClientOptions extends IpcOptions {
  readonly host: string;
  readonly rpcLatencyMs: number;
}

export const DEFAULT_SWEEP_CLIENT: SweepClientOptions = { ...DEFAULT_IPC, host: 'client', rpcLatencyMs: DEFAULT_NAMENODE.rpcLatencyMs };

/**
 * The Rust hdfs-native client before PR #317 [HDFS-NATIVE-317]: one pass over
 * the NameNodes in configured order, no sleep; the first that serves wins,
 * and if none does (all standby mid-failover, or down) the call fails.
 */
export class SingleSweepHdfsClient implements HdfsClient {
  readonly kind = 'rust-single-sweep';
  private readonly o: SweepClientOptions;
  private readonly trace: TypedTrace<HdfsEvents>;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly namenodes: readonly NameNode[], options: Partial<SweepClientOptions> = {}) {
    this.o = { ...DEFAULT_SWEEP_CLIENT, ...options };
    this.trace = sim.trace.typed<HdfsEvents>();
  }

  read(path: string, done: (result: ReadResult) => void): void {
    const start = this.sim.now;
    let attempts = 0;
    const next = (i: number, lastError: string): void => {
      const nn = this.namenodes[i];
      if (nn === undefined) return this.finish(path, start, attempts, null, `all NameNodes failed (last: ${lastError})`, done);
      attempts++;
      callNameNode(this.sim, nn, this.o.host, this.o, this.o.rpcLatencyMs, (outcome) => {
        this.trace.emit(this.name, 'attempt', { client: this.name, namenode: nn.name, attempt: attempts, outcome });
        if (outcome === 'ok') this.finish(path, start, attempts, nn.name, null, done);
        else next(i + 1, outcome);
      });
    };
    next(0, 'none');
  }

  private finish(path: string, start: number, attempts: number, servedBy: string | null, error: string | null, done: (r: ReadResult) => void): void {
    this.trace.emit(this.name, 'read-done', { client: this.name, path, ok: error === null, attempts, error });
    done({ ok: error === null, attempts, servedBy, error, elapsedMs: toMs(this.sim.now - start) });
  }
}
