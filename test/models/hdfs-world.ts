import { Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { sec } from '../../src/kernel/time.js';
import { HdfsHaCluster, type HdfsHaOptions } from '../../models/hdfs/ha-cluster.js';

/** A two-NameNode nameservice with its trace; `at` schedules a fault at `s` seconds. */
export function hdfsWorld(options: Partial<HdfsHaOptions> = {}, seed = 1) {
  const sim = new Simulation({ seed });
  const cluster = new HdfsHaCluster(sim, options);
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  const at = (s: number, target: string, kind: string, params?: Record<string, unknown>) =>
    sim.faults.schedule([{ at: sec(s), target, kind, ...(params ? { params } : {}) }]);
  /** [seconds, source, kind] of every record of the given kinds, faults excluded. */
  const timeline = (...kinds: string[]) => records.filter((r) => r.source !== 'fault' && kinds.includes(r.kind)).map((r) => [r.t / 1e6, r.source, r.kind]);
  const first = (source: string, kind: string, afterS = 0) => records.find((r) => r.source === source && r.kind === kind && r.t >= sec(afterS));
  return { sim, cluster, records, at, timeline, first };
}
