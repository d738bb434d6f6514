import { z } from 'zod';
import { ms, type Simulation } from '../../src/scenario/index.js';
import { release, type Defect } from '../../models/deploy/release.js';
import { AdvisoryLock } from '../../models/schema/advisory-lock.js';
import { MigrationJob, type JobOutcome } from '../../models/schema/migration-job.js';
import { migrationScript } from '../../models/schema/migration-script.js';
import type { Deployment } from '../../models/k8s/deployment.js';
import type { FirewallEvents } from './firewall-events.js';
import type { FirewallParams } from './params.js';
import type { FirewallShared } from './shared.js';
import type { FirewallTemplate } from './template.js';

const DEPLOY = z.strictObject({
  version: z.string().default('v1.1').describe('the new release\'s name'),
  defect: z.enum(['none', 'crash-on-start', 'error-rate']).default('none').describe('what is wrong with the new code'),
  errorRate: z.number().min(0).max(1).default(0.05).describe('defect error-rate: share of requests answered 500'),
  schema: z.number().int().positive().default(1).describe('the schema version the new code expects'),
  migrateFirst: z.boolean().default(false).describe('the pipeline runs the migration job before it deploys'),
  badConfigField: z.string().optional().describe('a configuration field the new revision gets wrong'),
  leakPerRequestBytes: z.number().int().nonnegative().default(0).describe('memory each request of the new code never frees'),
});

const MIGRATE = z.strictObject({
  failAtStep: z.number().int().positive().optional().describe('the statement that fails (none: the migration succeeds)'),
  transactional: z.boolean().default(true).describe('PostgreSQL DDL in one transaction (false: each statement commits)'),
  jobs: z.number().int().positive().default(1).describe('migration jobs started at once (a CI retry, two pipelines)'),
});

export type DeployParams = z.output<typeof DEPLOY>;

/**
 * The CI/CD pipeline (seed 004, "Deployment Failures"): `deploy` runs the
 * migration job first when asked, then changes the Deployment's template and
 * waits as `kubectl rollout status --timeout` does; with mitigation=on it
 * runs `kubectl rollout undo` when the rollout reports
 * ProgressDeadlineExceeded ("Automated: CI/CD triggers rollback").
 * `migrate` runs migration jobs under an advisory lock, a backup first; a
 * failed migration halts the pipeline and leaves the operator a job.
 */
export class CiPipeline {
  readonly lock = new AdvisoryLock();
  readonly outcomes: JobOutcome[] = [];
  rolledBack = false;
  /** Why an operator must step in, if something is left for one. */
  needsOperator: string | null = null;
  private serial = 0;

  constructor(private readonly sim: Simulation, private readonly s: FirewallShared, private readonly deployment: Deployment<FirewallTemplate>, private readonly p: FirewallParams) {
    sim.faults.on('ci', 'deploy', (f) => this.deploy(DEPLOY.parse(f.params ?? {})), DEPLOY);
    sim.faults.on('ci', 'migrate', (f) => this.migrate(MIGRATE.parse(f.params ?? {})), MIGRATE);
  }

  private deploy(d: DeployParams): void {
    const defect: Defect = d.defect === 'error-rate' ? { kind: 'error-rate', rate: d.errorRate } : d.defect === 'crash-on-start' ? { kind: 'crash-on-start' } : { kind: 'none' };
    const template: FirewallTemplate = { release: release(d.version, [d.schema], defect), badConfigField: d.badConfigField ?? null, leakPerRequestBytes: d.leakPerRequestBytes };
    if (d.migrateFirst && d.schema > this.s.schema.version) {
      return this.runJobs(1, { transactional: true }, d.schema, (o) => { if (o === 'done') this.rollout(template); });
    }
    this.rollout(template);
  }

  private rollout(template: FirewallTemplate): void {
    this.deployment.rollout(template);
    if (this.p.mitigation !== 'on') return;
    const check = () => {
      if (this.deployment.condition === 'ProgressDeadlineExceeded' && !this.rolledBack) {
        this.rolledBack = this.deployment.rollback();
        this.sim.trace.typed<FirewallEvents>().emit('ci', 'rollback', { reason: 'ProgressDeadlineExceeded' });
        return;
      }
      if (this.deployment.condition === 'Progressing') this.sim.schedule(ms(5_000), check);
    };
    this.sim.schedule(ms(5_000), check);
  }

  private migrate(m: z.output<typeof MIGRATE>): void {
    this.runJobs(m.jobs, { transactional: m.transactional, failAtStep: m.failAtStep }, this.s.schema.version + 1, (o) => {
      if (o === 'dirty' || o === 'failed') this.needsOperator = `the migration ended ${o}: review the logs, restore or repair, rerun`;
    });
  }

  /** `count` jobs at once against the lock; `onFirst` gets the first job's outcome. */
  private runJobs(count: number, o: { transactional: boolean; failAtStep?: number | undefined }, toVersion: number, onFirst: (o: JobOutcome) => void): void {
    const script = migrationScript(`000${toVersion}_governance`, { transactional: o.transactional });
    for (let i = 0; i < count; i++) {
      const job = new MigrationJob(this.sim, `migrate-${++this.serial}`, this.s.schema, this.lock, {});
      if (o.failAtStep !== undefined && i === 0) this.sim.faults.inject({ at: this.sim.now, target: job.name, kind: 'migration-fail', params: { step: o.failAtStep } });
      job.run([script], (out) => { this.outcomes.push(out); if (i === 0) onFirst(out); });
    }
  }
}
