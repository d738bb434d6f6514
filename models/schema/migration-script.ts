import { checkMigration, type Migration } from '../deploy/schema.js';

/**
 * One migration file as a migration tool runs it: a deploy `Migration`
 * (version n to n + 1, expand or contract, its run and revert times; see
 * models/deploy/schema.ts) made of `steps` statements of `stepMs` each.
 * `transactional`: the file runs inside one transaction, so an error rolls
 * every statement back (PostgreSQL's DDL is transactional [PG-TXDDL]); otherwise each
 * statement commits on its own (MySQL's DDL commits implicitly
 * [MYSQL-IMPLICIT-COMMIT]), and a failure leaves the ones before it applied.
 */
export interface MigrationScript extends Migration {
  /** The id the tool records once applied ("0002_add_mutation_index"). */
  readonly id: string;
  readonly steps: number;
  readonly stepMs: number;
  readonly transactional: boolean;
}

export interface MigrationScriptOptions {
  readonly steps: number;
  readonly stepMs: number;
  readonly transactional: boolean;
  readonly backwardCompatible: boolean;
  /** null: the down migration cannot restore what the up one destroyed. */
  readonly revertMs: number | null;
}

export const DEFAULT_MIGRATION_SCRIPT: MigrationScriptOptions = { steps: 3, stepMs: 2_000, transactional: true, backwardCompatible: true, revertMs: 2_000 };

export function migrationScript(id: string, options: Partial<MigrationScriptOptions> = {}): MigrationScript {
  const o = { ...DEFAULT_MIGRATION_SCRIPT, ...options };
  if (id === '') throw new Error('migration script: the id must not be empty');
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new Error(`migration ${id}: steps must be a whole number >= 1, got ${o.steps}`);
  const script: MigrationScript = { id, ...o, migrationMs: o.steps * o.stepMs };
  checkMigration(script);
  return script;
}
