import type { Micros } from '../../src/kernel/time.js';
import type { TableStore } from './table-store.js';

export interface BaseBackup {
  readonly takenAt: Micros;
  readonly store: TableStore;
  /** The log position it includes (records before it): its LSN, so a write in the same instant but after it is replayed, not lost. */
  readonly logPosition: number;
}

/**
 * Base backups kept for `retentionUs` (seed 004: 30 days); the archived
 * log is kept as far back as the oldest backup, so recovery can reach any
 * instant from the oldest backup on, and none before it.
 */
export class BackupCatalog {
  private readonly kept: BaseBackup[] = [];

  constructor(readonly retentionUs: Micros) {
    if (!(retentionUs > 0)) throw new Error(`backups: retention must be > 0, got ${retentionUs}`);
  }

  /** Stores a copy of `store` taken at `now` at log position `logPosition`, and drops the backups past retention. */
  take(store: TableStore, now: Micros, logPosition = 0): BaseBackup {
    const b = { takenAt: now, store: store.clone(), logPosition };
    this.kept.push(b);
    while (this.kept.length > 0 && now - this.kept[0]!.takenAt > this.retentionUs) this.kept.shift();
    return b;
  }

  get backups(): readonly BaseBackup[] { return this.kept; }

  /** The newest backup taken at or before `t`, or null when `t` is older than every backup kept (outside retention). */
  baseFor(t: Micros): BaseBackup | null {
    for (let i = this.kept.length - 1; i >= 0; i--) if (this.kept[i]!.takenAt <= t) return this.kept[i]!;
    return null;
  }

  /** Forgets backups taken after `t` (they belong to the abandoned timeline after a restore to `t`). */
  dropAfter(t: Micros): void {
    while (this.kept.length > 0 && this.kept[this.kept.length - 1]!.takenAt > t) this.kept.pop();
  }
}
