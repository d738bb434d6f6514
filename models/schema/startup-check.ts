import type { Release } from '../deploy/release.js';
import { newestSchema } from '../deploy/release.js';
import type { MigrationDatabase } from './migration-database.js';

/**
 * - `exact`: the code runs only on a schema version it was written for
 *   (seed 004: "Service won't start with schema mismatch");
 * - `compatible`: also on a newer one reached through expand steps only
 *   (the deploy model's SchemaState.worksWith: blue-green's parallel change).
 */
export type VersionPolicy = 'exact' | 'compatible';

export type StartupVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'dirty' | 'schema-behind' | 'schema-ahead'; readonly message: string };

/**
 * The start-up version check (fail fast): what the service decides on
 * reading the database's version before it opens its port. A dirty
 * database refuses whatever the version says.
 */
export function checkSchemaAtStartup(db: MigrationDatabase, code: Release, policy: VersionPolicy = 'exact'): StartupVerdict {
  if (db.dirty !== null) return { ok: false, reason: 'dirty', message: `database dirty at version ${db.dirty.version} (${db.dirty.script}, ${db.dirty.stepsApplied} steps applied): refusing to start` };
  const fits = policy === 'exact' ? code.schemas.includes(db.version) : db.schema.worksWith(code);
  if (fits) return { ok: true };
  const want = newestSchema(code);
  const reason = db.version < want ? 'schema-behind' : 'schema-ahead';
  return { ok: false, reason, message: `${code.name} expects schema ${code.schemas.join('/')}, database is at ${db.version}: refusing to start` };
}
