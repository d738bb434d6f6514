import { SLO_IMPACTS, budgetMinutes, ms, toMs, type MetricInfo, type SystemView } from '../../src/scenario/index.js';
import type { AlertName } from './alerts.js';
import type { FirewallObserved } from './observers.js';
import type { FirewallParams } from './params.js';
import type { FirewallWorld } from './world.js';

export interface FirewallMetrics extends Record<string, number> {
  legitAttempts: number;
  availabilityPct: number;
  budgetBurnedPct: number;
  /** 0 None, 1 Low, 2 Medium, 3 High (SLO_IMPACTS). */
  sloImpactLevel: number;
  serverErrors: number;
  gatewayTimeouts: number;
  legitUnauthorized: number;
  legitRateLimited: number;
  legitFailedPct: number;
  greedyAdmittedPerMin: number;
  othersRateLimited: number;
  validationErrors: number;
  attackerAttempts: number;
  attackerPassedPerMin: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  timeToRecoverMs: number;
  detectServerErrorsMs: number;
  detectClientErrorsMs: number;
  detectAuthFailuresMs: number;
  detectRateLimitMs: number;
  detectCpuMs: number;
  detectMemoryMs: number;
  detectOomMs: number;
  detectNotProgressingMs: number;
  detectDbDownMs: number;
  detectSlowQueriesMs: number;
  detectExternalDownMs: number;
  detectNotStartingMs: number;
  detectNetworkMs: number;
  peakReplicas: number;
  minReadyPods: number;
  scaleUpAfterMs: number;
  oomKills: number;
  containerRestarts: number;
  startupFailures: number;
  peakMemoryPct: number;
  peakThrottledPct: number;
  breakerOpens: number;
  fallbackAnswers: number;
  deniedFlows: number;
  rolloutStuck: number;
  rolledBack: number;
  migrationLockWaits: number;
  migrationBackups: number;
  migrationsFailed: number;
  corruptionDetectedAfterMs: number;
  restoreMs: number;
  writesLostByRestore: number;
  burnRatePerHourPct: number;
  manualStepNeeded: number;
}

export type FirewallView = SystemView<FirewallWorld, FirewallObserved, FirewallParams>;

const DETECT: Record<string, AlertName> = {
  detectServerErrorsMs: 'HighServerErrorRate', detectClientErrorsMs: 'HighClientErrorRate', detectAuthFailuresMs: 'HighAuthFailureRate',
  detectRateLimitMs: 'HighRateLimitRejections', detectCpuMs: 'HighCPUUsage', detectMemoryMs: 'HighMemoryUsage', detectOomMs: 'PodOOMKilled',
  detectNotProgressingMs: 'DeploymentNotProgressing', detectDbDownMs: 'DatabaseConnectionDown', detectSlowQueriesMs: 'DatabaseSlowQueries',
  detectExternalDownMs: 'ExternalAPIDown', detectNotStartingMs: 'ServiceNotStarting', detectNetworkMs: 'ServiceNetworkFailure',
};

/** Something an operator must still do when the run ends, as the wiring and the scenario's actors leave it. */
export function operatorNeeded(v: FirewallView): string | null {
  const { world: w, observed: o } = v;
  if (w.ci.needsOperator !== null) return w.ci.needsOperator;
  const lastOom = w.shared.counters.lastOomAt;
  if (lastOom >= 0 && ms(v.params.durationMs) - lastOom < ms(300_000)) return 'containers keep being OOM-killed: a leak needs a rollback or a fix';
  if (w.deployment.condition === 'ProgressDeadlineExceeded') return 'the rollout is stuck (ProgressDeadlineExceeded)';
  if (w.shared.integrity.detections.length > 0) return 'corruption was found: find its cause, repair what the restore discarded';
  if (o.lastBadAt >= 0 && ms(v.params.durationMs) - o.lastBadAt < ms(60_000)) return 'requests still fail at the end of the run';
  if (w.deployment.condition !== 'Progressing' && w.frontDoor.readyPods < w.deployment.replicas) return `${w.deployment.replicas - w.frontDoor.readyPods} pods stay out of the Service`;
  return null;
}

/** Share of the 30-day budget one hour at the incident's bad-request rate would burn (the SRE Workbook pages at 2 %). */
function burnPerHourPct(o: FirewallObserved): number {
  const total = o.slo.good + o.slo.bad;
  if (total === 0) return 0;
  return 100 * (o.slo.bad / total) * 60 / budgetMinutes(o.slo.policy);
}

export function firewallMetrics(v: FirewallView): FirewallMetrics {
  const { world: w, observed: o, sim, params: p } = v;
  const c = w.shared.counters;
  const integrity = w.shared.integrity;
  const windowMin = Math.max(1, p.faultForMs / 60_000);
  const detect = Object.fromEntries(Object.entries(DETECT).map(([k, a]) => [k, o.detectionMs(a)]));
  return {
    legitAttempts: o.legitAttempts,
    availabilityPct: 100 * o.slo.availability(),
    budgetBurnedPct: 100 * o.slo.burned(sim.now),
    sloImpactLevel: SLO_IMPACTS.indexOf(o.slo.impact(sim.now)),
    serverErrors: o.slo.bad,
    gatewayTimeouts: o.count(504) + o.count(0),
    legitUnauthorized: o.legitUnauthorized,
    legitRateLimited: o.legitRateLimited,
    legitFailedPct: o.legitCalls === 0 ? 0 : (100 * o.legitFailed) / o.legitCalls,
    greedyAdmittedPerMin: o.greedyAdmitted / windowMin,
    othersRateLimited: o.othersRateLimited,
    validationErrors: o.count(422),
    attackerAttempts: o.attackerAttempts,
    attackerPassedPerMin: (o.attackerAttempts - o.attackerRateLimited) / windowMin,
    latencyP50Ms: toMs(o.latencies.percentile(50)),
    latencyP99Ms: toMs(o.latencies.percentile(99)),
    timeToRecoverMs: o.lastBadAt < 0 ? 0 : toMs(o.lastBadAt - ms(p.faultAtMs)),
    ...detect,
    peakReplicas: o.peakReplicas,
    minReadyPods: Number.isFinite(o.minReadyPods) ? o.minReadyPods : w.frontDoor.readyPods,
    scaleUpAfterMs: o.firstScaleUpAt < 0 ? NaN : toMs(o.firstScaleUpAt - ms(p.faultAtMs)),
    oomKills: c.oomKills,
    containerRestarts: c.containerRestarts,
    startupFailures: c.startupFailures,
    peakMemoryPct: o.peakMemoryPct,
    peakThrottledPct: o.peakThrottledPct,
    breakerOpens: c.breakerOpens,
    fallbackAnswers: c.fallbackAnswers,
    deniedFlows: w.shared.policies.denied,
    rolloutStuck: w.deployment.condition === 'ProgressDeadlineExceeded' ? 1 : 0,
    rolledBack: w.ci.rolledBack ? 1 : 0,
    migrationLockWaits: o.migrationLockWaits,
    migrationBackups: o.migrationBackups,
    migrationsFailed: w.ci.outcomes.filter((x) => x === 'dirty' || x === 'failed' || x === 'lock-timeout').length,
    corruptionDetectedAfterMs: integrity.detections.length === 0 ? NaN : toMs(integrity.detections[0]!.delayUs),
    restoreMs: integrity.restores.length === 0 ? 0 : toMs(integrity.restores[0]!.durationUs),
    writesLostByRestore: integrity.restores.reduce((n, r) => n + r.writesLost, 0),
    burnRatePerHourPct: burnPerHourPct(o),
    manualStepNeeded: operatorNeeded(v) === null ? 0 : 1,
  } as FirewallMetrics;
}

const detectInfo = (alert: string): MetricInfo => ({ label: `ms from the failure to ${alert} firing (none: never)`, unit: 'ms' });

export const FIREWALL_METRIC_INFO: { readonly [K in keyof FirewallMetrics]: MetricInfo } = {
  legitAttempts: { label: 'requests sent by legitimate clients (retries included)', unit: 'count' },
  availabilityPct: { label: 'SLI from the failure on: legitimate requests whose final answer was no server error, within the latency objective', unit: 'percent' },
  budgetBurnedPct: { label: 'share of a 30-day 99.9 % error budget the incident burned', unit: 'percent' },
  sloImpactLevel: { label: 'measured SLO impact: 0 None, 1 Low (>= 0.1 % of the budget), 2 Medium (>= 2 %), 3 High (>= 10 %)', unit: 'count' },
  serverErrors: { label: 'legitimate requests from the failure on that the SLO counts bad: a 5xx or no answer after the retries, or slower than the objective', unit: 'count' },
  gatewayTimeouts: { label: '504 answers and requests that got no answer', unit: 'count' },
  legitUnauthorized: { label: '401 answers to legitimate clients', unit: 'count' },
  legitRateLimited: { label: '429 answers to legitimate clients', unit: 'count' },
  legitFailedPct: { label: 'legitimate requests from the failure on that ended without a 200, retries and token refresh included', unit: 'percent' },
  greedyAdmittedPerMin: { label: 'the greedy client\'s requests per minute that got past the rate limit', unit: 'count' },
  othersRateLimited: { label: '429 answers to clients other than the greedy one', unit: 'count' },
  validationErrors: { label: '422 answers (invalid payloads)', unit: 'count' },
  attackerAttempts: { label: 'the attacker\'s guesses', unit: 'count' },
  attackerPassedPerMin: { label: 'the attacker\'s guesses per minute that reached the credential check (not rate-limited)', unit: 'count' },
  latencyP50Ms: { label: 'latency p50 of 200 answers', unit: 'ms' },
  latencyP99Ms: { label: 'latency p99 of 200 answers', unit: 'ms' },
  timeToRecoverMs: { label: 'ms from the failure to the last bad request', unit: 'ms' },
  detectServerErrorsMs: detectInfo('HighServerErrorRate (> 1 % 5xx)'),
  detectClientErrorsMs: detectInfo('HighClientErrorRate (> 10 % 4xx)'),
  detectAuthFailuresMs: detectInfo('HighAuthFailureRate (> 10 % 401)'),
  detectRateLimitMs: detectInfo('HighRateLimitRejections (> 5 % 429)'),
  detectCpuMs: detectInfo('HighCPUUsage (> 70 % of the limit)'),
  detectMemoryMs: detectInfo('HighMemoryUsage (> 85 % of the limit)'),
  detectOomMs: detectInfo('PodOOMKilled'),
  detectNotProgressingMs: detectInfo('DeploymentNotProgressing'),
  detectDbDownMs: detectInfo('DatabaseConnectionDown'),
  detectSlowQueriesMs: detectInfo('DatabaseSlowQueries (a query timed out)'),
  detectExternalDownMs: detectInfo('ExternalAPIDown (a breaker open)'),
  detectNotStartingMs: detectInfo('ServiceNotStarting (a start-up check failed)'),
  detectNetworkMs: detectInfo('ServiceNetworkFailure (a flow denied)'),
  peakReplicas: { label: 'most replicas the Deployment asked for', unit: 'count' },
  minReadyPods: { label: 'fewest Ready endpoints from the failure on', unit: 'count' },
  scaleUpAfterMs: { label: 'ms from the failure to the HPA\'s first scale-up (none: never)', unit: 'ms' },
  oomKills: { label: 'containers OOM-killed (exit 137)', unit: 'count' },
  containerRestarts: { label: 'container stops (crash, OOM kill, deletion)', unit: 'count' },
  startupFailures: { label: 'container starts that failed the fail-fast checks', unit: 'count' },
  peakMemoryPct: { label: 'highest pod memory, % of its limit (15 s samples)', unit: 'percent' },
  peakThrottledPct: { label: 'highest share of CFS periods throttled in a pod', unit: 'percent' },
  breakerOpens: { label: 'external API breakers opened', unit: 'count' },
  fallbackAnswers: { label: 'external lookups answered from the fallback', unit: 'count' },
  deniedFlows: { label: 'flows a NetworkPolicy dropped', unit: 'count' },
  rolloutStuck: { label: 'the rollout ended ProgressDeadlineExceeded (1) or not (0)', unit: 'count' },
  rolledBack: { label: 'a rollback was made (1) or not (0)', unit: 'count' },
  migrationLockWaits: { label: 'migration jobs that found the advisory lock taken', unit: 'count' },
  migrationBackups: { label: 'backups taken before a migration', unit: 'count' },
  migrationsFailed: { label: 'migration jobs that failed, timed out on the lock or left the schema dirty', unit: 'count' },
  corruptionDetectedAfterMs: { label: 'ms from the corruption to the integrity check that found it (none: never)', unit: 'ms' },
  restoreMs: { label: 'how long the point-in-time restore stopped writes', unit: 'ms' },
  writesLostByRestore: { label: 'writes the restore to before the corruption discarded', unit: 'count' },
  burnRatePerHourPct: { label: 'share of the 30-day budget an hour at the incident\'s error rate burns (the SRE Workbook pages at 2 %)', unit: 'percent' },
  manualStepNeeded: { label: 'an operator must still act when the run ends (1) or not (0)', unit: 'count' },
};
