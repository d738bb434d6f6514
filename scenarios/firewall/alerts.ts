import type { FirewallWorld } from './world.js';

/** Request counts over the alert window (the last minute, in 15 s steps). */
export interface WindowCounts {
  total: number;
  serverErrors: number;
  clientErrors: number;
  unauthorized: number;
  rateLimited: number;
}

export const emptyCounts = (): WindowCounts => ({ total: 0, serverErrors: 0, clientErrors: 0, unauthorized: 0, rateLimited: 0 });

/** What a rule sees at an evaluation. */
export interface AlertInput {
  readonly world: FirewallWorld;
  readonly lastMinute: WindowCounts;
  /** Events since the previous evaluation (OOM kills, failed starts, denied flows, query timeouts). */
  readonly oomKills: number;
  readonly startupFailures: number;
  readonly deniedFlows: number;
  readonly queryTimeouts: number;
}

/**
 * Seed 004's alerts as Prometheus rules would state them, each over the
 * last minute, evaluated every 15 s (the scrape interval). Thresholds are
 * the seed's where it gives one (> 1 % 5xx, > 10 % 4xx, > 10 % auth
 * failures, > 70 % CPU, > 85 % memory); the others fire on the event they
 * are named after.
 */
export const ALERT_RULES = {
  HighServerErrorRate: (a: AlertInput) => a.lastMinute.total > 0 && a.lastMinute.serverErrors / a.lastMinute.total > 0.01,
  HighClientErrorRate: (a: AlertInput) => a.lastMinute.total > 0 && a.lastMinute.clientErrors / a.lastMinute.total > 0.1,
  HighAuthFailureRate: (a: AlertInput) => a.lastMinute.total > 0 && a.lastMinute.unauthorized / a.lastMinute.total > 0.1,
  HighRateLimitRejections: (a: AlertInput) => a.lastMinute.total > 0 && a.lastMinute.rateLimited / a.lastMinute.total > 0.05,
  HighCPUUsage: (a: AlertInput) => a.world.pods.some((p) => {
    const m = a.world.metricsServer.get(p.name);
    return m !== undefined && m.cpuMillicores > 0.7 * p.cpu.limitMillicores;
  }),
  HighMemoryUsage: (a: AlertInput) => a.world.pods.some((p) => p.pod.serving && p.memory.percentOfLimit > 85),
  PodOOMKilled: (a: AlertInput) => a.oomKills > 0,
  DeploymentNotProgressing: (a: AlertInput) => a.world.deployment.condition === 'ProgressDeadlineExceeded',
  DatabaseConnectionDown: (a: AlertInput) => a.world.pods.some((p) => p.app !== null && !p.db.connected),
  DatabaseSlowQueries: (a: AlertInput) => a.queryTimeouts > 0,
  ExternalAPIDown: (a: AlertInput) => a.world.breakers().some((b) => b === 'open'),
  ServiceNotStarting: (a: AlertInput) => a.startupFailures > 0,
  ServiceNetworkFailure: (a: AlertInput) => a.deniedFlows > 0,
} as const;

export type AlertName = keyof typeof ALERT_RULES;
export const ALERT_NAMES = Object.keys(ALERT_RULES) as AlertName[];
