import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, toMs, type Micros } from '../../src/kernel/time.js';
import type { Keyspace, StoredValue } from './keyspace.js';
import type { Persistence } from './persistence-types.js';
import type { RedisEvents } from './redis-events.js';

/** Fork cost: copying page tables, about 10 ms per GB on bare metal [ASSUMPTION: Redis latency docs' order of magnitude]. */
const FORK_US_PER_BYTE = 10_000 / 1e9;
/** The child's write throughput to disk [ASSUMPTION]. */
const WRITE_BYTES_PER_S = 200e6;

/**
 * RDB snapshots on save points [REDIS-CONF], [RDOC-PERSIST]. serverCron
 * starts a BGSAVE when, for some `save <seconds> <changes>` line, at least
 * `changes` writes happened and more than `seconds` passed since the last
 * successful save, and no child is already saving. The fork child writes the
 * dataset as it was at the fork; the file replaces the previous one only when
 * the child finishes, so a crash during a save keeps the older snapshot.
 * Writes during the save stay counted for the next one (dirty minus the
 * changes the snapshot covered).
 *
 * Redis checks on every cron tick against a clock in whole seconds; checking
 * once a second here has the same resolution. Failed saves (and the refusal
 * of writes after one) are not modelled.
 */
export class RdbPersistence implements Persistence {
  /** dump.rdb: none exists before the first save. */
  private file: ReadonlyMap<string, StoredValue> = new Map();
  private lastSave: Micros;
  private child: { readonly token: number; readonly startedAt: Micros } | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly source: string,
    private readonly db: Keyspace,
    private readonly savePoints: readonly (readonly [number, number])[],
  ) {
    this.lastSave = sim.now;
  }

  changed(): void {}

  everySecond(): void {
    if (this.child !== null) return;
    const db = this.db;
    const elapsed = this.sim.now - this.lastSave;
    for (const [seconds, changes] of this.savePoints) {
      if (db.dirty >= changes && elapsed > sec(seconds)) {
        this.bgsave(db);
        return;
      }
    }
  }

  crash(): void {
    this.abortChild();
  }

  /** SHUTDOWN saves in the foreground when save points are configured. */
  shutdown(): void {
    this.abortChild();
    if (this.savePoints.length === 0) return;
    const db = this.db;
    this.file = snapshot(db);
    this.sim.trace.typed<RedisEvents>().emit(this.source, 'rdb-save', { keys: this.file.size, changes: db.dirty, durationMs: 0, shutdown: true });
    db.dirty = 0;
  }

  /** At start-up Redis considers the dataset saved. */
  started(): void {
    this.lastSave = this.sim.now;
  }

  onDisk(): ReadonlyMap<string, StoredValue> {
    return this.file;
  }

  private bgsave(db: Keyspace): void {
    const image = snapshot(db);
    const covered = db.dirty;
    const bytes = db.usedBytes;
    const duration = Math.round(bytes * FORK_US_PER_BYTE + (bytes / WRITE_BYTES_PER_S) * 1e6);
    db.lruFrozen = true;
    const startedAt = this.sim.now;
    const token = this.sim.schedule(duration, () => {
      this.child = null;
      db.lruFrozen = false;
      this.file = image;
      db.dirty -= covered;
      this.lastSave = this.sim.now;
      this.sim.trace.typed<RedisEvents>().emit(this.source, 'rdb-save', { keys: image.size, changes: covered, durationMs: toMs(this.sim.now - startedAt) });
    });
    this.child = { token, startedAt };
  }

  private abortChild(): void {
    if (this.child === null) return;
    this.sim.cancel(this.child.token);
    this.child = null;
    this.db.lruFrozen = false;
  }
}

/** The dataset at this instant, expiries included. Entries are immutable but for the LRU clock, so sharing them is a copy. */
function snapshot(db: Keyspace): ReadonlyMap<string, StoredValue> {
  const image = new Map<string, StoredValue>();
  for (const [key, e] of db.entries()) image.set(key, e);
  return image;
}
