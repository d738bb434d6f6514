import type { Simulation } from '../../src/kernel/simulation.js';
import type { H2OCloud } from './cloud.js';
import { homeIndex } from './key-home.js';
import { h2oRpc } from './rpc.js';

export type DkvResult =
  | { readonly ok: true; readonly value: unknown; readonly home: string }
  | { readonly ok: false; readonly error: 'node-lost' | 'no-cloud'; readonly home: string };

/**
 * H2O's distributed key-value store [H2O-DKV]: every key lives on its home
 * node (Key.java's hash [H2O-KEY], see key-home.ts); a put or get from
 * another node is an RPC to the home. The store is in memory: a cluster
 * restart loses it all (the DKV drops its contents when the cloud's
 * generation changes). A put locks the cloud first (DKV.put calls
 * Paxos.lockCloud: after the first distributed write the cloud may not
 * change shape, "the distributed writes will be in the wrong place").
 *
 * A key whose home does not answer fails once the caller stops counting
 * the home healthy (see rpc.ts); H2O would keep resending. No replicas:
 * H2O's default replication factor is 1 (Key.DEFAULT_DESIRED_REPLICA_FACTOR).
 */
export class Dkv {
  /** Public counters. */
  puts = 0;
  gets = 0;
  failures = 0;
  private readonly stores = new Map<string, Map<string, unknown>>();
  private generation = -1;

  constructor(private readonly sim: Simulation, private readonly cloud: H2OCloud) {}

  /** The key's home node in the current cloud, or undefined before formation. */
  homeOf(key: string): string | undefined {
    const members = this.cloud.members;
    return members.length === 0 ? undefined : members[homeIndex(key, members.length)];
  }

  /** DKV.put from node `from`: locks the cloud, then writes at the key's home. */
  put(from: string, key: string, value: unknown, done: (r: DkvResult) => void): void {
    this.puts++;
    const home = this.homeOf(key);
    if (home === undefined || !this.cloud.lock(`DKV.put ${key}`)) return this.fail('no-cloud', home ?? '', done);
    const write = (): true => {
      this.store(home).set(key, value);
      return true;
    };
    this.atHome(from, home, write, (r) => done(r.ok ? { ok: true, value, home } : r));
  }

  /** DKV.get from node `from`: reads at the key's home (undefined value: no such key). */
  get(from: string, key: string, done: (r: DkvResult) => void): void {
    this.gets++;
    const home = this.homeOf(key);
    if (home === undefined) return this.fail('no-cloud', '', done);
    this.atHome(from, home, () => ({ v: this.store(home).get(key) }), (r) => done(r.ok ? { ok: true, value: (r.value as { v: unknown }).v, home } : r));
  }

  /** Keys held at `node` now (its share of the store). */
  keysAt(node: string): number {
    return this.store(node).size;
  }

  private atHome(from: string, home: string, work: () => unknown, done: (r: DkvResult) => void): void {
    if (home === from) {
      done({ ok: true, value: work(), home });
      return;
    }
    h2oRpc(this.sim, this.cloud, from, home, work, (r) => {
      if (r.ok) done({ ok: true, value: r.value, home });
      else this.fail(r.error, home, done);
    });
  }

  private fail(error: 'node-lost' | 'no-cloud', home: string, done: (r: DkvResult) => void): void {
    this.failures++;
    done({ ok: false, error, home });
  }

  private store(node: string): Map<string, unknown> {
    if (this.generation !== this.cloud.generation) {
      this.stores.clear();
      this.generation = this.cloud.generation;
    }
    let s = this.stores.get(node);
    if (s === undefined) this.stores.set(node, (s = new Map()));
    return s;
  }
}
