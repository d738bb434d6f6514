import type { PostgresNode } from './postgres-node.js';

/**
 * What clients were told: every write acknowledged as committed. Loss and
 * duplicates are then measured against the data that survived, not guessed:
 * an acknowledged write missing from the surviving primary's WAL is lost; a
 * logical write present twice was applied twice (a retry after an unknown
 * outcome of a non-idempotent INSERT).
 */
export class WriteLedger {
  readonly acknowledged = new Set<number>();

  acknowledge(writeId: number): void {
    this.acknowledged.add(writeId);
  }

  /**
   * The node whose data counts: the primary on the newest timeline (a frozen
   * old primary still calls itself primary), else the most advanced node.
   */
  static survivor(nodes: readonly PostgresNode[]): PostgresNode {
    const byProgress = [...nodes].sort((a, b) => b.timeline - a.timeline || b.lsn - a.lsn);
    return byProgress.find((n) => n.role === 'primary') ?? byProgress[0]!;
  }

  audit(survivor: PostgresNode): { lost: number; duplicates: number; lostIds: number[] } {
    const counts = new Map<number, number>();
    for (const id of survivor.wal) counts.set(id, (counts.get(id) ?? 0) + 1);
    let duplicates = 0;
    for (const c of counts.values()) if (c > 1) duplicates += c - 1;
    const lostIds = [...this.acknowledged].filter((id) => !counts.has(id)).sort((a, b) => a - b);
    return { lost: lostIds.length, duplicates, lostIds };
  }
}
