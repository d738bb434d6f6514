import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';
import type { HdfsReadResult, HdfsSource } from './hdfs-source.js';

export interface FakeHdfsOptions {
  /** Every read answers after this long when HDFS is reachable. */
  readonly latencyMs: number;
  /** Size of every file. */
  readonly bytesPerFile: number;
  /** While unreachable, a read fails after this long (the client's connect timeout, or at once when refused). */
  readonly failAfterMs: number;
}

export const DEFAULT_FAKE_HDFS: FakeHdfsOptions = { latencyMs: 20, bytesPerFile: 100_000, failAfterMs: 1000 };

export const FAKE_HDFS_FAULTS = {
  /** HDFS unreachable (a partition, every NameNode down) until `healAfterMs` or a `heal`. */
  partition: z.strictObject({ healAfterMs: delayMs('ms until HDFS is reachable again (default: until a heal fault)').optional() }),
  heal: NO_PARAMS,
};

/**
 * A stand-in for an HDFS client, for tests and small scenarios: a fixed
 * latency and an outage switch (`reachable`, or the `partition`/`heal` faults).
 * A read issued while reachable answers ok even if an outage starts before
 * it lands (the data was already on its way).
 */
export class FakeHdfsSource implements HdfsSource {
  readonly options: FakeHdfsOptions;
  reachable = true;
  reads = 0;
  failures = 0;
  private healTimer = -1;

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<FakeHdfsOptions> = {}) {
    this.options = { ...DEFAULT_FAKE_HDFS, ...options };
    sim.faults.on(name, 'partition', (f) => this.partition(f.params?.['healAfterMs'] as number | undefined), FAKE_HDFS_FAULTS.partition);
    sim.faults.on(name, 'heal', () => this.heal(), FAKE_HDFS_FAULTS.heal);
  }

  read(path: string, done: (r: HdfsReadResult) => void): void {
    this.reads++;
    if (this.reachable) {
      this.sim.schedule(ms(this.options.latencyMs), () => done({ ok: true, bytes: this.options.bytesPerFile }));
      return;
    }
    this.failures++;
    this.sim.schedule(ms(this.options.failAfterMs), () => done({ ok: false, error: `${this.name}: cannot reach HDFS for ${path}` }));
  }

  partition(healAfterMs?: number): void {
    this.reachable = false;
    this.sim.cancel(this.healTimer);
    if (healAfterMs !== undefined) this.healTimer = this.sim.schedule(ms(healAfterMs), () => this.heal());
  }

  heal(): void {
    this.reachable = true;
    this.sim.cancel(this.healTimer);
  }
}
