/** Schema migrations (seed 004): start-up version check, advisory-locked migration job, partial vs transactional failure, backup, idempotent re-runs. Builds on models/deploy/schema.ts. */
export { DEFAULT_MIGRATION_SCRIPT, migrationScript, type MigrationScript, type MigrationScriptOptions } from './migration-script.js';
export { MigrationDatabase, type DirtyMark, type SchemaBackup } from './migration-database.js';
export { checkSchemaAtStartup, type StartupVerdict, type VersionPolicy } from './startup-check.js';
export { AdvisoryLock } from './advisory-lock.js';
export { DEFAULT_MIGRATION_JOB, MIGRATION_FAIL_PARAMS, MigrationJob, type JobOutcome, type MigrationJobOptions } from './migration-job.js';
export { type SchemaEvents, type SchemaRecord } from './schema-events.js';
