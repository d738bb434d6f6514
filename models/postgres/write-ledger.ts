import type { PostgresNode } from './postgres-node.js';

/**
 * What clients were told: every write acknowledged as committed. Loss and
 * duplicates are then measured against the data that survived, not guessed:
 * an acknowledged write missing from the surviving primary's WAL is lost; a
 * logical write present twice was applied twice (a retry after an unknown
 * outcome of a non-idempotent INSERT).
 */
export class WriteLedger {
  /** Acknowledged write ids, in the order clients were told. */
  private readonly ids: number[] = [];
  private readonly isAcked: boolean[] = [];

  acknowledge(writeId: number): void {
    if (this.isAcked[writeId] === true) return;
    this.isAcked[writeId] = true;
    this.ids.push(writeId);
  }

  /** How many writes were acknowledged. */
  get acknowledgedCount(): number {
    return this.ids.length;
  }

  /**
   * The node whose data counts: the primary on the newest timeline (a frozen
   * old primary still calls itself primary), else the most advanced node.
   */
  static survivor(nodes: readonly PostgresNode[]): PostgresNode {
    const byProgress = [...nodes].sort((a, b) => b.timeline - a.timeline || b.lsn - a.lsn);
    return byProgress.find((n) => n.role === 'primary') ?? byProgress[0]!;
  }

  /** Acknowledged writes missing from `survivor`, and writes it holds twice (write ids are small integers: counted in an array). */
  audit(survivor: PostgresNode): { lost: number; duplicates: number; lostIds: number[] } {
    const counts: number[] = [];
    let duplicates = 0;
    for (const id of survivor.wal) {
      const c = counts[id] ?? 0;
      if (c > 0) duplicates++;
      counts[id] = c + 1;
    }
    const lostIds = this.ids.filter((id) => counts[id] === undefined).sort((a, b) => a - b);
    return { lost: lostIds.length, duplicates, lostIds };
  }
}
