import { z } from 'zod';
import { delayMs } from '../lifecycle/fault-params.js';
import { release, type Defect, type Release } from './release.js';
import type { Migration } from './schema.js';

/**
 * The `deploy` fault on a blue-green router: a scenario's fault schedule
 * ships a release (healthy, or with one of seed 001's defects) with or
 * without a schema migration, e.g.
 * `{ at: 60_000, target: 'app', kind: 'deploy', params: { defect: 'error-rate', migration: 'incompatible' } }`.
 */
export const DEPLOY_PARAMS = z.strictObject({
  release: z.string().min(1).describe('the new release\'s name').default('v1.1'),
  defect: z.enum(['none', 'crash-on-start', 'crash-after-requests', 'error-rate']).describe('how the new release fails: none, crash-on-start, crash-after-requests, error-rate').default('none'),
  crashAfterRequests: z.number().int().min(1).describe('crash-after-requests: requests each process serves before it dies').default(1000),
  restartAfterMs: delayMs('crash-after-requests: ms after a crash when the process starts again (default: it stays down)').optional(),
  errorRate: z.number().min(0).max(1).describe('error-rate: fraction of served requests that fail').default(1),
  migration: z.enum(['none', 'compatible', 'incompatible']).describe('schema migration shipped with it: none, compatible (expand) or incompatible (contract/rename)').default('none'),
  migrationMs: delayMs('ms the migration takes to run').default(5_000),
  revertMs: delayMs('ms reverting the migration takes (default: it cannot be reverted, data was destroyed)').optional(),
});

export type DeployParams = z.output<typeof DEPLOY_PARAMS>;

/** What a deploy fault ships. */
export interface DeployPlan {
  readonly release: Release;
  readonly migration: Migration | null;
}

/** The release and migration a deploy fault's params describe, on a schema now at `schemaVersion`: the new code is written for the version it migrates to. */
export function deployPlanOf(p: DeployParams, schemaVersion: number): DeployPlan {
  const migration: Migration | null = p.migration === 'none' ? null
    : { backwardCompatible: p.migration === 'compatible', migrationMs: p.migrationMs, revertMs: p.revertMs ?? null };
  const defect: Defect = p.defect === 'crash-after-requests' ? { kind: p.defect, requests: p.crashAfterRequests, restartAfterMs: p.restartAfterMs ?? null }
    : p.defect === 'error-rate' ? { kind: p.defect, rate: p.errorRate }
    : { kind: p.defect };
  return { release: release(p.release, [migration === null ? schemaVersion : schemaVersion + 1], defect), migration };
}
