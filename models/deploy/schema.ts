import { newestSchema, type Release } from './release.js';

/**
 * One step of the database schema, from version n to n + 1. Expand/contract
 * (parallel change [FOWLER-PC]) splits a breaking change into an expand
 * step that old code survives (add a column, a table) and, later, a
 * contract step that it does not (drop or rename what the old code reads).
 * Fowler's blue-green note puts the expand step first, so that both colours
 * can run on one database and the switch back stays a rollback point
 * [FOWLER-BG].
 */
export interface Migration {
  /** Expand: code written for the version before still works after it. Contract/rename: it fails every request. */
  readonly backwardCompatible: boolean;
  /** How long running the migration takes. */
  readonly migrationMs: number;
  /** How long reverting it takes; null: it cannot be reverted (it destroyed data: a dropped column). */
  readonly revertMs: number | null;
}

export function checkMigration(m: Migration): void {
  const finite = (v: number) => v >= 0 && Number.isFinite(v);
  if (!finite(m.migrationMs)) throw new Error(`migration: migrationMs must be finite and >= 0, got ${m.migrationMs}`);
  if (m.revertMs !== null && !finite(m.revertMs)) throw new Error(`migration: revertMs must be finite and >= 0 (null: irreversible), got ${m.revertMs}`);
}

/**
 * A database's schema version and the migrations applied to reach it during
 * the run. Pure state: the deployment decides when a migration starts and
 * ends (it takes `migrationMs`) and calls `apply` then.
 */
export class SchemaState {
  private current: number;
  /** Applied migrations, oldest first: `steps[i]` took the schema to `base + i + 1`. */
  private readonly steps: Migration[] = [];

  constructor(private readonly base = 1) {
    if (!Number.isInteger(base)) throw new Error(`schema: the initial version must be a whole number, got ${base}`);
    this.current = base;
  }

  get version(): number { return this.current; }

  /** The migration that took the schema to its current version, if the run applied it. */
  get last(): Migration | undefined { return this.steps[this.steps.length - 1]; }

  /** The migration is done: the schema is one version newer. */
  apply(m: Migration): void {
    checkMigration(m);
    this.steps.push(m);
    this.current++;
  }

  /** The last migration is undone; throws when there is none or it cannot be reverted. */
  revert(): void {
    const m = this.last;
    if (m === undefined || m.revertMs === null) throw new Error(`schema: version ${this.current} cannot be reverted`);
    this.steps.pop();
    this.current--;
  }

  /**
   * Whether `r`'s code works on the schema now: a version it was written
   * for, or a newer one reached only through backward-compatible (expand)
   * steps. Code on a schema older than it needs fails (the column it writes
   * is not there yet); a step the run did not apply counts as breaking.
   */
  worksWith(r: Release): boolean {
    if (r.schemas.includes(this.current)) return true;
    const newest = newestSchema(r);
    if (this.current < newest) return false;
    for (let v = newest + 1; v <= this.current; v++) {
      const step = this.steps[v - this.base - 1];
      if (step === undefined || !step.backwardCompatible) return false;
    }
    return true;
  }
}
