/**
 * A Deployment's rolling-update arithmetic, pure, as
 * pkg/controller/deployment/rolling.go and util/deployment_util.go
 * [K8S-DEPLUTIL], [K8S-ROLLING] (semantics §2.4).
 */

/** An absolute count or a percentage of spec.replicas ("25%"). */
export type IntOrPercent = number | `${number}%`;

export interface Fenceposts {
  readonly surge: number;
  readonly unavailable: number;
}

/** Defaults: maxSurge 25 %, maxUnavailable 25 % [K8S-APPS-DEF]. */
export const DEFAULT_MAX_SURGE: IntOrPercent = '25%';
export const DEFAULT_MAX_UNAVAILABLE: IntOrPercent = '25%';

function resolve(v: IntOrPercent, replicas: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = Number(v.slice(0, -1));
  const exact = (pct * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function isZero(v: IntOrPercent): boolean {
  return typeof v === 'number' ? v === 0 : Number(v.slice(0, -1)) === 0;
}

/**
 * ResolveFenceposts: surge rounds up, unavailable rounds down; if both come
 * to 0 (e.g. 25 % of 3 replicas unavailable with surge 0... or 1 replica at
 * 25 %/0) unavailable becomes 1 so the rollout can move. Both specified as 0
 * is rejected by API validation, as here.
 */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): Fenceposts {
  if (isZero(maxSurge) && isZero(maxUnavailable)) throw new RangeError('maxUnavailable may not be 0 when maxSurge is 0');
  for (const v of [maxSurge, maxUnavailable]) {
    if (typeof v === 'number' ? !(Number.isInteger(v) && v >= 0) : !(Number(v.slice(0, -1)) >= 0)) throw new RangeError(`invalid maxSurge/maxUnavailable ${String(v)}`);
  }
  const surge = resolve(maxSurge, replicas, true);
  const unavailable = resolve(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) return { surge: 0, unavailable: 1 };
  return { surge, unavailable };
}

/** One ReplicaSet as the rolling update sees it: its spec size and its available pods. */
export interface RsSize {
  readonly replicas: number;
  readonly available: number;
}

/**
 * NewRSNewReplicas: the new ReplicaSet grows by what the surge allows
 * (replicas + surge − all pods), up to spec.replicas; a new ReplicaSet larger
 * than spec.replicas shrinks to it.
 */
export function newRsTarget(replicas: number, surge: number, totalPods: number, newRs: number): number {
  if (newRs >= replicas) return replicas;
  const room = replicas + surge - totalPods;
  if (room <= 0) return newRs;
  return newRs + Math.min(room, replicas - newRs);
}

/**
 * reconcileOldReplicaSets: how many old pods may go now. First unhealthy
 * (unavailable) old pods, within `allPods − minAvailable − newUnavailable`;
 * then available ones, only while available pods stay above
 * replicas − unavailable. Returns the new sizes of the old ReplicaSets,
 * oldest first as given.
 */
export function oldRsTargets(replicas: number, unavailable: number, newRs: RsSize, oldRs: readonly RsSize[]): number[] {
  const sizes = oldRs.map((r) => r.replicas);
  const allPods = newRs.replicas + sizes.reduce((a, b) => a + b, 0);
  const minAvailable = replicas - unavailable;
  const newUnavailable = newRs.replicas - newRs.available;
  let budget = allPods - minAvailable - newUnavailable;
  if (budget <= 0 || sizes.every((s) => s === 0)) return sizes;
  // cleanupUnhealthyReplicas: unavailable old pods help nobody.
  for (let i = 0; i < oldRs.length && budget > 0; i++) {
    const unhealthy = Math.min(sizes[i]! - oldRs[i]!.available, budget);
    if (unhealthy <= 0) continue;
    sizes[i]! -= unhealthy;
    budget -= unhealthy;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: then available ones, keeping minAvailable.
  const available = newRs.available + oldRs.reduce((a, r) => a + r.available, 0);
  let excess = available - minAvailable;
  for (let i = 0; i < sizes.length && excess > 0; i++) {
    const cut = Math.min(sizes[i]!, excess);
    sizes[i]! -= cut;
    excess -= cut;
  }
  return sizes;
}
