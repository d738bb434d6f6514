import { Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { Network } from '../../models/net/network.js';
import { H2OCloud, type H2OCloudOptions } from '../../models/h2o/cloud.js';
import { Dkv } from '../../models/h2o/dkv.js';

/** Latency with no spread: every one-way hop takes exactly 0.5 ms, so timelines can be worked by hand. */
export const FIXED_LATENCY = { latencyMedianMs: 0.5, latencySigma: 0, lossProbability: 0 };
export const HOP = 500;

export function h2oWorld(n: number, options: Partial<H2OCloudOptions> = {}, seed = 1, fixed = true) {
  const sim = new Simulation({ seed });
  const net = new Network(sim, fixed ? FIXED_LATENCY : undefined);
  const nodes = Array.from({ length: n }, (_, i) => `h2o-${i}`);
  const cloud = new H2OCloud(sim, net, { nodes, ...options });
  const dkv = new Dkv(sim, cloud);
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => records.push(rec) });
  const kinds = (kind: string) => records.filter((r) => r.kind === kind);
  return { sim, net, cloud, dkv, nodes, records, kinds };
}
