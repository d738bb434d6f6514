/**
 * Two tables and a foreign key: `children.parent_id REFERENCES parents(id)`
 * (say mutation audit rows and the mutations they belong to). Inserts go
 * through the constraint and are refused when the parent is missing; a
 * corruption goes around it (a bug in a path with the FK triggers off, as
 * `session_replication_role = replica` does in PostgreSQL, since its foreign keys are triggers [PG-REPLICATION-ROLE],
 * a bad manual fix, a storage fault) and leaves orphans: children whose
 * parent is not there, the FK violations an integrity check finds.
 */
export type StoreOp =
  | { readonly kind: 'parent'; readonly id: number }
  | { readonly kind: 'child'; readonly id: number; readonly parent: number }
  /** A corruption: child `id` now points at `parent`, which does not exist. */
  | { readonly kind: 'orphan'; readonly id: number; readonly parent: number };

export class TableStore {
  readonly parents = new Set<number>();
  readonly children = new Map<number, number>();

  /** Applies one logged operation; a child insert against a missing parent is refused (false), as the FK does. */
  apply(op: StoreOp): boolean {
    if (op.kind === 'parent') { this.parents.add(op.id); return true; }
    if (op.kind === 'child' && !this.parents.has(op.parent)) return false;
    this.children.set(op.id, op.parent);
    return true;
  }

  get rows(): number { return this.parents.size + this.children.size; }

  /** The integrity check's query: children whose parent is missing (`LEFT JOIN parents ... WHERE parents.id IS NULL`). */
  violations(): number[] {
    const out: number[] = [];
    for (const [id, parent] of this.children) if (!this.parents.has(parent)) out.push(id);
    return out;
  }

  clone(): TableStore {
    const c = new TableStore();
    for (const p of this.parents) c.parents.add(p);
    for (const [id, parent] of this.children) c.children.set(id, parent);
    return c;
  }
}
