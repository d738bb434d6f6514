import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';
import { DEFAULT_ZOOKEEPER, type NameNodeOptions, type ZkfcOptions, type ZooKeeperOptions } from './hdfs-options.js';
import { JournalQuorum } from './journal-quorum.js';
import { NameNode } from './namenode.js';
import { Zkfc } from './zkfc.js';
import { ZooKeeper } from './zookeeper.js';

export interface HdfsHaOptions {
  /** NameNode names; each runs on its own host named after it. */
  readonly namenodes: readonly string[];
  /** JournalNodes (a majority must accept each write). */
  readonly journalNodes: number;
  readonly zookeeper: Partial<ZooKeeperOptions>;
  readonly zkfc: Partial<ZkfcOptions>;
  readonly namenode: Partial<NameNodeOptions>;
}

export const DEFAULT_HDFS_HA: HdfsHaOptions = { namenodes: ['nn1', 'nn2'], journalNodes: 3, zookeeper: {}, zkfc: {}, namenode: {} };

/**
 * An HA nameservice: NameNodes with their ZKFCs, a ZooKeeper ensemble and
 * the JournalNodes. Every ZKFC starts at once; the first to find its
 * NameNode healthy takes the lock and makes it active.
 * Faults on target "zookeeper": down {durationMs?}, recover, expire-session {client};
 * on target "journalnodes": down {index}, up {index}.
 */
export class HdfsHaCluster {
  readonly zk: ZooKeeper;
  readonly journals: JournalQuorum;
  readonly namenodes: NameNode[];
  readonly zkfcs: Zkfc[];

  constructor(sim: Simulation, options: Partial<HdfsHaOptions> = {}) {
    const o = { ...DEFAULT_HDFS_HA, ...options };
    const zkOptions = { ...DEFAULT_ZOOKEEPER, ...o.zookeeper };
    this.zk = new ZooKeeper(sim);
    this.journals = new JournalQuorum(o.journalNodes);
    this.namenodes = o.namenodes.map((n) => new NameNode(sim, n, n, this.journals, o.namenode));
    const byName = new Map(this.namenodes.map((nn) => [nn.name, nn] as const));
    this.zkfcs = this.namenodes.map((nn) => new Zkfc(sim, this.zk, nn, byName, zkOptions.sessionTimeoutMs, o.zkfc));
    sim.faults.on('zookeeper', 'down', (f) => {
      this.zk.down();
      const d = f.params?.['durationMs'] as number | undefined;
      if (d !== undefined) sim.schedule(ms(d), () => this.zk.recover());
    }, z.strictObject({ durationMs: delayMs('ms until the ensemble has quorum again (default: until recover)').optional() }));
    sim.faults.on('zookeeper', 'recover', () => this.zk.recover(), NO_PARAMS);
    sim.faults.on('zookeeper', 'expire-session', (f) => this.zk.expireSessionsOf(f.params?.['client'] as string),
      z.strictObject({ client: z.enum(this.zkfcs.map((c) => c.name) as [string, ...string[]]).describe('the ZKFC whose session expires') }));
    const journal = z.strictObject({ index: z.number().int().min(0).max(o.journalNodes - 1).describe('which JournalNode, from 0') });
    sim.faults.on('journalnodes', 'down', (f) => this.journals.setUp(f.params?.['index'] as number, false), journal);
    sim.faults.on('journalnodes', 'up', (f) => this.journals.setUp(f.params?.['index'] as number, true), journal);
  }

  namenode(name: string): NameNode {
    const nn = this.namenodes.find((n) => n.name === name);
    if (nn === undefined) throw new Error(`no NameNode '${name}'`);
    return nn;
  }

  /** The NameNode that is active now, if exactly one is. */
  get active(): NameNode | undefined {
    const a = this.namenodes.filter((n) => n.haState === 'active' && n.processUp);
    return a.length === 1 ? a[0] : undefined;
  }
}
