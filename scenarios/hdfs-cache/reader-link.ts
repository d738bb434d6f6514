import { z } from 'zod';
import { ms, type Simulation } from '../../src/scenario/index.js';
import type { NameNode } from '../../models/hdfs/index.js';
import type { HdfsCacheEvents } from './hdfs-cache-events.js';

export const READER_LINK = 'reader-link';

/**
 * The network between the reader's host and the HDFS cluster (seed 003,
 * section 5: "complete loss of HDFS connectivity"). Faults on `reader-link`:
 * `partition {durationMs?}` and `heal`. While it is cut every NameNode is
 * unreachable from the reader: each client call waits out Hadoop IPC's
 * connect timeout, as a real partition does (no RST comes back).
 */
export class ReaderLink {
  cut = false;
  cuts = 0;
  private healTimer = -1;

  constructor(private readonly sim: Simulation, readonly name = READER_LINK) {
    sim.faults.on(name, 'partition', (f) => this.partition(f.params?.['durationMs'] as number | undefined),
      z.strictObject({ durationMs: z.number().positive().describe('ms until the link heals (default: until heal)').optional() }));
    sim.faults.on(name, 'heal', () => this.heal(), z.strictObject({}));
  }

  partition(durationMs?: number): void {
    this.sim.cancel(this.healTimer);
    if (!this.cut) { this.cut = true; this.cuts++; this.sim.trace.typed<HdfsCacheEvents>().emit(this.name, 'link-cut'); }
    if (durationMs !== undefined) this.healTimer = this.sim.schedule(ms(durationMs), () => this.heal());
  }

  heal(): void {
    this.sim.cancel(this.healTimer);
    if (!this.cut) return;
    this.cut = false;
    this.sim.trace.typed<HdfsCacheEvents>().emit(this.name, 'link-healed');
  }

  /**
   * The NameNodes as the reader's client sees them: each is the NameNode
   * itself (every field read through to it) except that, while the link is
   * cut, it is unreachable from the reader's host. The clients take
   * NameNode objects, so the view keeps that type.
   */
  viewOf(namenodes: readonly NameNode[]): NameNode[] {
    const link = this;
    return namenodes.map((nn) => {
      const view = Object.create(nn) as NameNode;
      Object.defineProperty(view, 'reachFrom', { value: (host: string) => (link.cut ? 'unreachable' : nn.reachFrom(host)) });
      return view;
    });
  }
}
