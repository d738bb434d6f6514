import { describe, expect, it } from 'vitest';
import { sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { release } from '../../models/deploy/release.js';
import { AdvisoryLock } from '../../models/schema/advisory-lock.js';
import { MigrationDatabase } from '../../models/schema/migration-database.js';
import { MigrationJob, type JobOutcome } from '../../models/schema/migration-job.js';
import { migrationScript } from '../../models/schema/migration-script.js';
import { checkSchemaAtStartup } from '../../models/schema/startup-check.js';

function timeline(sim: Simulation) {
  const lines: string[] = [];
  sim.trace.addSink({ record: (r: TraceRecord) => { if (r.source !== 'fault') lines.push(`${r.t / 1e6}s ${r.source} ${r.kind}`); } });
  return lines;
}

const addIndex = migrationScript('0002_add_index', { steps: 3, stepMs: 2_000, transactional: true });

describe('start-up version check (fail fast)', () => {
  it('code for schema 2 refuses a database at 1, starts once the migration ran; exact vs compatible for old code', () => {
    const db = new MigrationDatabase(1);
    const v2 = release('v2', [2]), v1 = release('v1', [1]);
    expect(checkSchemaAtStartup(db, v2)).toMatchObject({ ok: false, reason: 'schema-behind' });
    db.begin(addIndex); db.stepDone(); db.stepDone(); db.stepDone(); db.commit();
    expect(db.version).toBe(2);
    expect(checkSchemaAtStartup(db, v2)).toEqual({ ok: true });
    // The expand step keeps v1 working on schema 2: the deploy model's worksWith, allowed only under `compatible`.
    expect(checkSchemaAtStartup(db, v1, 'exact')).toMatchObject({ ok: false, reason: 'schema-ahead' });
    expect(checkSchemaAtStartup(db, v1, 'compatible')).toEqual({ ok: true });
  });
});

describe('migration job with an advisory lock', () => {
  function setup(options: Partial<{ onBusy: 'wait' | 'fail'; lockTimeoutMs: number }>) {
    const sim = new Simulation({ seed: 1 });
    const lines = timeline(sim);
    const db = new MigrationDatabase(1);
    const lock = new AdvisoryLock();
    const a = new MigrationJob(sim, 'job-a', db, lock, options);
    const b = new MigrationJob(sim, 'job-b', db, lock, options);
    const ends: [string, number, JobOutcome][] = [];
    sim.at(0, () => a.run([addIndex], (o) => ends.push(['a', sim.now / 1e6, o])));
    sim.at(sec(1), () => b.run([addIndex], (o) => ends.push(['b', sim.now / 1e6, o])));
    return { sim, lines, db, ends };
  }

  it('a second job waits on the lock, then finds the script applied: no change (idempotent)', () => {
    const { sim, lines, db, ends } = setup({ lockTimeoutMs: 60_000 });
    sim.run();
    // job-a: lock at 0, 30 s backup, three 2 s statements, done at 36 s; job-b waits from 1 s to 36 s.
    expect(lines).toEqual([
      '0s job-a job-started', '0s job-a lock-acquired',
      '1s job-b job-started', '1s job-b lock-busy',
      '30s job-a backup-taken',
      '32s job-a step-done', '34s job-a step-done', '36s job-a step-done', '36s job-a script-applied', '36s job-a job-ended',
      '36s job-b lock-acquired', '36s job-b job-ended',
    ]);
    expect(ends).toEqual([['a', 36, 'done'], ['b', 36, 'no-change']]);
    expect([db.version, db.appliedIds]).toEqual([2, ['0002_add_index']]);
  });

  it("golang-migrate's 15 s lock timeout: the waiting job gives up at 16 s", () => {
    const { sim, ends } = setup({});
    sim.run();
    expect(ends).toEqual([['b', 16, 'lock-timeout'], ['a', 36, 'done']]);
  });

  it('pg_try_advisory_lock: the second job fails at once', () => {
    const { sim, ends } = setup({ onBusy: 'fail' });
    sim.run();
    expect(ends).toEqual([['b', 1, 'lock-busy'], ['a', 36, 'done']]);
  });
});

describe('a migration failing part-way', () => {
  function failAtThirdStep(transactional: boolean) {
    const sim = new Simulation({ seed: 1 });
    const db = new MigrationDatabase(1);
    const job = new MigrationJob(sim, 'job', db, new AdvisoryLock(), { backupMs: 10_000 });
    const script = migrationScript('0002_split_column', { steps: 3, stepMs: 1_000, transactional });
    sim.faults.schedule([{ at: 0, target: 'job', kind: 'migration-fail', params: { step: 3 } }]);
    const outcomes: JobOutcome[] = [];
    sim.at(sec(1), () => job.run([script], (o) => outcomes.push(o)));
    sim.run();
    return { sim, db, job, script, outcomes };
  }

  it('non-transactional DDL leaves two statements applied and the database dirty: start-up and re-runs refuse until restored', () => {
    const { sim, db, job, script, outcomes } = failAtThirdStep(false);
    expect(outcomes).toEqual(['failed']);
    expect(db.dirty).toEqual({ script: '0002_split_column', version: 2, stepsApplied: 2 });
    expect(db.version).toBe(1);
    expect(checkSchemaAtStartup(db, release('v1', [1]))).toMatchObject({ ok: false, reason: 'dirty' });
    job.run([script], (o) => outcomes.push(o));
    sim.run();
    expect(outcomes).toEqual(['failed', 'dirty']);
    // The backup taken before migrating (at 11 s) brings back the clean version 1; the fixed script then applies.
    expect(job.lastBackup).toMatchObject({ takenAt: sec(11), dirty: null });
    db.restore(job.lastBackup!);
    job.run([script], (o) => outcomes.push(o));
    sim.run();
    expect(outcomes).toEqual(['failed', 'dirty', 'done']);
    expect(db.version).toBe(2);
  });

  it('transactional DDL rolls back: version 1, clean, and a re-run applies it whole', () => {
    const { sim, db, job, script, outcomes } = failAtThirdStep(true);
    expect([outcomes, db.dirty, db.version]).toEqual([['failed'], null, 1]);
    job.run([script], (o) => outcomes.push(o));
    sim.run();
    expect([outcomes, db.version, db.appliedIds]).toEqual([['failed', 'done'], 2, ['0002_split_column']]);
  });

  it("with golang-migrate's dirty mark outside the transaction, even a rolled-back script leaves the database dirty", () => {
    const db = new MigrationDatabase(1, true);
    db.begin(addIndex);
    db.stepDone();
    expect(db.fail()).toEqual({ script: '0002_add_index', version: 2, stepsApplied: 0 });
    expect(db.version).toBe(1);
  });
});
