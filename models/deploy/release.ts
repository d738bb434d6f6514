/**
 * A release: one version of a service's code, as a deployment ships it.
 * Seed 001 ("Failed Deployment") asks what happens when "the new version
 * crashes in production"; the defects below are the ways it can, each
 * showing at a different moment of a blue-green deployment:
 *
 * - `crash-on-start`: the process dies as it starts (a missing setting, a
 *   bad binary). Its pods never become ready, so a deployment that waits
 *   for readiness before switching (Argo Rollouts promotes only once the new
 *   ReplicaSet is available [ARGO-BG]) never sends it traffic.
 * - `crash-after-requests`: each process dies after serving `requests`
 *   requests (a leak, an input only production sends); readiness and a
 *   short smoke test pass, production traffic kills it.
 * - `error-rate`: a fraction of the requests it serves fail (HTTP 500), as
 *   a bug on a code path production exercises.
 *
 * `schemas` are the database schema versions the code was written for; a
 * later version still works if every migration since was backward
 * compatible (see schema.ts).
 */
export type Defect =
  | { readonly kind: 'none' }
  | { readonly kind: 'crash-on-start' }
  /** `restartAfterMs` null: the crashed process stays down (no supervisor restarts it). */
  | { readonly kind: 'crash-after-requests'; readonly requests: number; readonly restartAfterMs: number | null }
  | { readonly kind: 'error-rate'; readonly rate: number };

export type DefectKind = Defect['kind'];
export const DEFECT_KINDS: readonly DefectKind[] = ['none', 'crash-on-start', 'crash-after-requests', 'error-rate'];

export const HEALTHY: Defect = { kind: 'none' };

export interface Release {
  /** 'v1.0', 'v1.1': the trace names it. */
  readonly name: string;
  readonly defect: Defect;
  /** Schema versions the code was written for (at least one). */
  readonly schemas: readonly number[];
}

/** A release, its defect checked: a rate in [0, 1], a positive whole request count. */
export function release(name: string, schemas: readonly number[] = [1], defect: Defect = HEALTHY): Release {
  const bad = (what: string) => new Error(`release ${name}: ${what}`);
  if (schemas.length === 0 || !schemas.every((v) => Number.isInteger(v))) throw bad(`schemas must be whole versions, at least one, got [${schemas.join(', ')}]`);
  if (defect.kind === 'error-rate' && !(defect.rate >= 0 && defect.rate <= 1)) throw bad(`error rate must be in [0, 1], got ${defect.rate}`);
  if (defect.kind === 'crash-after-requests') {
    if (!(Number.isInteger(defect.requests) && defect.requests >= 1)) throw bad(`crash-after-requests needs a whole count >= 1, got ${defect.requests}`);
    const r = defect.restartAfterMs;
    if (r !== null && !(r >= 0 && Number.isFinite(r))) throw bad(`restartAfterMs must be finite and >= 0 (null: no restart), got ${r}`);
  }
  return { name, defect, schemas: [...schemas] };
}

/** The newest schema version the code was written for. */
export function newestSchema(r: Release): number {
  return Math.max(...r.schemas);
}
