import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { Lease } from './lease.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { DcsEvents } from './dcs-events.js';

export interface KeyValue {
  readonly value: string;
  readonly lease: number | null;
  readonly createRevision: number;
  readonly modRevision: number;
}

export type WatchEvent = { readonly type: 'put' | 'delete'; readonly key: string; readonly value: string | null; readonly revision: number };

/**
 * An etcd-like store: a linearizable key space with revisions, leases with a
 * TTL that expire on virtual time, create-if-absent and compare-and-set
 * transactions, and prefix watches. It stands for a healthy etcd cluster with
 * quorum; reaching it goes through the network, so a partition or an outage
 * of the etcd pod is what makes it unavailable.
 *
 * Only a raft leader expires leases (server/lease/lessor.go: expiry runs on
 * the primary lessor, `revokeExpiredLeases` checks `isPrimary()`, and
 * `Demote` sets every lease to never expire). So while etcd has no leader
 * (`hasLeader` false: its pod is down or frozen) nothing expires, and a newly
 * elected leader renews every lease to its full TTL plus the election
 * timeout (`Promote(ElectionTimeout())` in server/etcdserver/server.go;
 * `lease.refresh`: remaining TTL is the full TTL with checkpointing off, as
 * shipped): time without a leader does not count against a lease.
 */
export class Dcs {
  revision = 0;
  private readonly keys = new Map<string, KeyValue>();
  private readonly leases = new Map<number, Lease>();
  private readonly watchers: { prefix: string; cb: (ev: WatchEvent) => void }[] = [];
  private nextLease = 1;
  private readonly trace: TypedTrace<DcsEvents>;

  /**
   * `hasLeader` says whether etcd has a raft leader now; `electionTimeout`
   * (etcd's --election-timeout, 1000 ms by default) is what `promote` adds.
   */
  constructor(
    private readonly sim: Simulation,
    readonly name = 'etcd',
    private readonly hasLeader: () => boolean = () => true,
    private readonly electionTimeout: Micros = 1_000_000,
  ) {
    this.trace = sim.trace.typed<DcsEvents>();
  }

  /** A leader is elected (etcd starts or returns): every lease gets its full TTL plus the election timeout. */
  promote(): void {
    for (const lease of this.leases.values()) this.renew(lease, this.electionTimeout);
  }

  get(key: string): KeyValue | undefined {
    return this.keys.get(key);
  }

  grant(ttl: Micros): number {
    const lease: Lease = { id: this.nextLease++, ttl, deadline: this.sim.now + ttl, keys: new Set(), timer: -1 };
    this.leases.set(lease.id, lease);
    this.arm(lease);
    return lease.id;
  }

  /** Renews a lease for another full TTL; false if it has already expired. */
  keepAlive(id: number): boolean {
    const lease = this.leases.get(id);
    if (!lease) return false;
    this.renew(lease, 0);
    return true;
  }

  /** Moves a lease's expiry to a full TTL (plus `extra`) from now. */
  private renew(lease: Lease, extra: Micros): void {
    lease.deadline = this.sim.now + lease.ttl + extra;
    this.sim.cancel(lease.timer);
    this.arm(lease);
  }

  revoke(id: number): void {
    const lease = this.leases.get(id);
    if (!lease) return;
    this.sim.cancel(lease.timer);
    this.leases.delete(id);
    for (const key of [...lease.keys]) this.remove(key);
  }

  leaseAlive(id: number): boolean {
    return this.leases.has(id);
  }

  /** When lease `id` expires unless renewed (virtual µs), undefined if it is gone. Reads only. */
  leaseDeadline(id: number): Micros | undefined {
    return this.leases.get(id)?.deadline;
  }

  /** Atomic create-if-absent (etcd txn on create_revision == 0). */
  createIfAbsent(key: string, value: string, lease: number | null = null): boolean {
    if (this.keys.has(key)) return false;
    if (lease !== null && !this.leases.has(lease)) return false;
    this.write(key, value, lease);
    return true;
  }

  /** Atomic compare-and-set on the current value; `expected` null means "absent". */
  compareAndSet(key: string, expected: string | null, value: string, lease: number | null = null): boolean {
    const cur = this.keys.get(key);
    if ((cur?.value ?? null) !== expected) return false;
    if (lease !== null && !this.leases.has(lease)) return false;
    this.write(key, value, lease);
    return true;
  }

  put(key: string, value: string, lease: number | null = null): void {
    this.write(key, value, lease);
  }

  delete(key: string): boolean {
    if (!this.keys.has(key)) return false;
    this.remove(key);
    return true;
  }

  /** Calls `cb` for every change under `prefix`; returns a function that cancels the watch. */
  watch(prefix: string, cb: (ev: WatchEvent) => void): () => void {
    const w = { prefix, cb };
    this.watchers.push(w);
    return () => {
      const i = this.watchers.indexOf(w);
      if (i >= 0) this.watchers.splice(i, 1);
    };
  }

  private arm(lease: Lease): void {
    lease.timer = this.sim.at(lease.deadline, () => this.expire(lease.id));
  }

  private expire(id: number): void {
    const lease = this.leases.get(id);
    // Without a leader nothing is revoked; the next leader's promote() re-arms every lease.
    if (!lease || !this.hasLeader()) return;
    this.trace.emit(this.name, 'lease-expired', { lease: id, keys: [...lease.keys] });
    this.revoke(id);
  }

  private write(key: string, value: string, lease: number | null): void {
    const cur = this.keys.get(key);
    if (cur?.lease != null && cur.lease !== lease) this.leases.get(cur.lease)?.keys.delete(key);
    this.revision++;
    this.keys.set(key, { value, lease, createRevision: cur?.createRevision ?? this.revision, modRevision: this.revision });
    if (lease !== null) this.leases.get(lease)!.keys.add(key);
    this.notify({ type: 'put', key, value, revision: this.revision });
  }

  private remove(key: string): void {
    const cur = this.keys.get(key);
    if (!cur) return;
    if (cur.lease !== null) this.leases.get(cur.lease)?.keys.delete(key);
    this.keys.delete(key);
    this.revision++;
    this.notify({ type: 'delete', key, value: null, revision: this.revision });
  }

  private notify(ev: WatchEvent): void {
    for (const w of [...this.watchers]) if (ev.key.startsWith(w.prefix)) w.cb(ev);
  }
}
