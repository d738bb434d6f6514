import { sec, type Micros } from '../../src/kernel/time.js';

/**
 * The HPA's normalization over time (autoscaling/v2 `behavior`), as
 * pkg/controller/podautoscaler/horizontal.go [K8S-HPA-H]:
 * `stabilizeRecommendationWithBehaviors` (the recommendation is held between
 * the lowest of the scale-up window and the highest of the scale-down window),
 * then `convertDesiredReplicasWithBehaviorRate` (the policies' rate limits,
 * counted from the replicas at the start of each policy's period) and the
 * [minReplicas, maxReplicas] clamp. Pure: the history is a value passed in
 * and returned.
 */
export interface HpaScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

export interface HpaScalingRules {
  readonly stabilizationWindowSeconds: number;
  /** Max: the policy allowing the most change; Min: the least; Disabled: no scaling this way. */
  readonly selectPolicy: 'Max' | 'Min' | 'Disabled';
  readonly policies: readonly HpaScalingPolicy[];
}

export interface HpaBehavior {
  readonly scaleUp: HpaScalingRules;
  readonly scaleDown: HpaScalingRules;
}

/** autoscaling/v2 defaults (pkg/apis/autoscaling/v2/defaults.go) [K8S-HPA-V2DEF]. */
export const DEFAULT_HPA_BEHAVIOR: HpaBehavior = {
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
  scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
};

/** What the controller remembers per HPA: raw recommendations and the scale changes it made. */
export interface HpaHistory {
  readonly recommendations: readonly { readonly replicas: number; readonly t: Micros }[];
  readonly scaleUps: readonly { readonly change: number; readonly t: Micros }[];
  readonly scaleDowns: readonly { readonly change: number; readonly t: Micros }[];
}

export const EMPTY_HPA_HISTORY: HpaHistory = { recommendations: [], scaleUps: [], scaleDowns: [] };

export interface Normalized {
  readonly stabilized: number;
  readonly desired: number;
  /** Why the desired count is what it is (the ScalingLimited condition's reason). */
  readonly reason: string;
  readonly history: HpaHistory;
}

/** Stabilizes `recommended`, applies the rate limits and the bounds; records the recommendation. */
export function normalizeWithBehavior(history: HpaHistory, behavior: HpaBehavior, current: number, recommended: number, minReplicas: number, maxReplicas: number, nowUs: Micros): Normalized {
  const upCutoff = nowUs - sec(behavior.scaleUp.stabilizationWindowSeconds);
  const downCutoff = nowUs - sec(behavior.scaleDown.stabilizationWindowSeconds);
  let up = recommended, down = recommended;
  for (const r of history.recommendations) {
    if (r.t > upCutoff) up = Math.min(up, r.replicas);
    if (r.t > downCutoff) down = Math.max(down, r.replicas);
  }
  const stabilized = Math.min(Math.max(current, up), down);
  // Samples older than both windows are dropped (the controller reuses their slots).
  const keep = history.recommendations.filter((r) => r.t >= upCutoff || r.t >= downCutoff);
  const next: HpaHistory = { ...history, recommendations: [...keep, { replicas: recommended, t: nowUs }] };
  const { desired, reason } = rateLimited(next, behavior, current, stabilized, minReplicas, maxReplicas, nowUs);
  return { stabilized, desired, reason, history: next };
}

function rateLimited(h: HpaHistory, behavior: HpaBehavior, current: number, desired: number, minReplicas: number, maxReplicas: number, nowUs: Micros): { desired: number; reason: string } {
  if (desired > current) {
    const limit = Math.max(current, scaleUpLimit(current, h, behavior.scaleUp, nowUs));
    const max = Math.min(maxReplicas, limit);
    if (desired > max) return { desired: max, reason: maxReplicas > limit ? 'ScaleUpLimit' : 'TooManyReplicas' };
  } else if (desired < current) {
    const limit = Math.min(current, scaleDownLimit(current, h, behavior.scaleDown, nowUs));
    const min = Math.max(minReplicas, limit);
    if (desired < min) return { desired: min, reason: minReplicas < limit ? 'ScaleDownLimit' : 'TooFewReplicas' };
  }
  return { desired, reason: 'DesiredWithinRange' };
}

/** Replicas changed within the last `periodSeconds` (strictly after the cutoff, as getReplicasChangePerPeriod). */
function changedWithin(events: HpaHistory['scaleUps'], periodSeconds: number, nowUs: Micros): number {
  const cutoff = nowUs - sec(periodSeconds);
  return events.reduce((sum, e) => (e.t > cutoff ? sum + e.change : sum), 0);
}

function periodStart(current: number, h: HpaHistory, p: HpaScalingPolicy, nowUs: Micros): number {
  return current - changedWithin(h.scaleUps, p.periodSeconds, nowUs) + changedWithin(h.scaleDowns, p.periodSeconds, nowUs);
}

/** calculateScaleUpLimitWithScalingRules: Pods: start + value; Percent: ceil(start · (1 + value/100)). */
export function scaleUpLimit(current: number, h: HpaHistory, rules: HpaScalingRules, nowUs: Micros): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const proposals = rules.policies.map((p) => {
    const start = periodStart(current, h, p, nowUs);
    return p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
  });
  return rules.selectPolicy === 'Min' ? Math.min(...proposals) : Math.max(...proposals);
}

/** calculateScaleDownLimitWithBehaviors: Pods: start − value; Percent: truncate(start · (1 − value/100)). */
export function scaleDownLimit(current: number, h: HpaHistory, rules: HpaScalingRules, nowUs: Micros): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const proposals = rules.policies.map((p) => {
    const start = periodStart(current, h, p, nowUs);
    return p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
  });
  return rules.selectPolicy === 'Min' ? Math.max(...proposals) : Math.min(...proposals);
}

/** storeScaleEvent: remembers a change for the rate limits, dropping events older than the longest policy period. */
export function recordScale(h: HpaHistory, behavior: HpaBehavior, from: number, to: number, nowUs: Micros): HpaHistory {
  const up = to > from;
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const longest = Math.max(0, ...rules.policies.map((p) => p.periodSeconds));
  const cutoff = nowUs - sec(longest);
  const fresh = (up ? h.scaleUps : h.scaleDowns).filter((e) => e.t >= cutoff);
  const event = { change: Math.abs(to - from), t: nowUs };
  return up ? { ...h, scaleUps: [...fresh, event] } : { ...h, scaleDowns: [...fresh, event] };
}
