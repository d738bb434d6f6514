import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/simulation.js';
import { ms, sec } from '../../src/kernel/time.js';
import type { Fault } from '../../src/kernel/faults.js';
import { buildPatroniCluster } from '../../models/patroni/cluster.js';
import { clusterOptions } from '../../scenarios/patroni-k8s/options.js';
import { resolveParams } from '../../src/scenario/settings.js';
import scenarioA from '../../scenarios/patroni-k8s/scenario-a.js';

/**
 * The network's shortcuts (a WAL record sent ahead of its departure, a read
 * and its reply in one event, a standby's ack the primary takes in when it
 * next looks) must decide exactly as sending every message as its own
 * events does. With constant latency (sigma 0) the order of the network's
 * random draws cannot change a delay, so the two ways must give the very
 * same trace, fault by fault, whatever falls mid-flight.
 */
function digest(seed: number, oneEventPaths: boolean, replication: 'sync' | 'asynchronous', faults: Fault[]): { digest: string; events: number } {
  const sim = new Simulation({ seed });
  // Slower links and more reads than the default: more messages in flight when a fault lands.
  const params = resolveParams(scenarioA.params, { replication, durationMs: 80_000, networkLatencyMs: 5, readRatePerS: 400 }) as Parameters<typeof clusterOptions>[0];
  const o = clusterOptions(params);
  const cluster = buildPatroniCluster(sim, { ...o, network: { ...o.network, latencySigma: 0, oneEventPaths } });
  sim.faults.schedule(faults);
  sim.run(sec(80));
  // Reads write no trace: their attempts (when each ended, and how) are compared too.
  const reads = cluster.workload.reader.attempts;
  return { digest: `${sim.trace.digestHex} reads ${reads.size}/${reads.failed} ${JSON.stringify(reads.windows(sim.now))}`, events: sim.eventCount };
}

const cut = (at: number, groups: string[][]): Fault => ({ at: ms(at), target: 'network', kind: 'partition', params: { groups } });
const heal = (at: number): Fault => ({ at: ms(at), target: 'network', kind: 'heal' });
const SCHEDULES: Record<string, Fault[]> = {
  'primary node crash': [{ at: ms(30_000), target: 'pg-0', kind: 'node-crash', params: { recoverAfterMs: 40_000 } }],
  // The reader keeps one connection, to either replica: both go down.
  'replicas crash': [{ at: ms(30_000.4), target: 'pg-1', kind: 'crash' }, { at: ms(30_000.4), target: 'pg-2', kind: 'crash' }, { at: ms(50_000.9), target: 'pg-2', kind: 'node-crash', params: { recoverAfterMs: 20_000 } }],
  'app cut from the primary, healed': [cut(20_000.2, [['app'], ['pg-0']]), heal(35_000.7)],
  'sync standby cut off, then the primary isolated': [cut(15_000.3, [['pg-1'], ['pg-0', 'pg-2', 'app', 'etcd']]), heal(25_000), cut(40_000.1, [['pg-0'], ['pg-1', 'pg-2', 'app', 'etcd']]), heal(65_000)],
  'extra latency on the primary': [{ at: ms(10_000.5), target: 'network', kind: 'latency', params: { host: 'pg-0', ms: 40 } }, { at: ms(40_000), target: 'network', kind: 'latency', params: { host: 'pg-0', ms: 0 } }],
};

describe('one-event network paths decide exactly as one event per message', () => {
  for (const [name, faults] of Object.entries(SCHEDULES)) {
    for (const replication of ['sync', 'asynchronous'] as const) {
      it(`${name}, ${replication}: the same trace, with fewer events`, () => {
        for (const seed of [1, 2]) {
          const fast = digest(seed, true, replication, faults);
          const reference = digest(seed, false, replication, faults);
          expect(fast.digest).toBe(reference.digest);
          expect(fast.events).toBeLessThan(reference.events * 0.9);
        }
      });
    }
  }
});
