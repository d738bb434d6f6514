import { SLO_IMPACTS, type Claim, type SloImpact } from '../../src/scenario/index.js';
import type { FirewallMetrics } from './metrics.js';
import type { FirewallParams } from './params.js';

export type FirewallClaim = Claim<FirewallParams, FirewallMetrics>;

const fmt = (ms: number) => (Number.isNaN(ms) ? 'never' : ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`);

/** A claim from failure `n`'s section of seed 004. */
export function claim(n: number, part: string, name: string, check: FirewallClaim['check']): FirewallClaim {
  return { name, source: `seed 004, ${n}. ${part}`, check };
}

/**
 * The section's "SLO Impact", measured: the incident's error-budget burn
 * graded None / Low / Medium / High (src/scenario/slo-ledger.ts). Holds when
 * the measured grade is the document's.
 */
export function sloImpact(n: number, stated: SloImpact, why: string): FirewallClaim {
  return claim(n, 'SLO Impact', `SLO impact: ${stated} (${why})`, (m) => {
    const measured = SLO_IMPACTS[m.sloImpactLevel] ?? 'High';
    return {
      pass: measured === stated,
      detail: `measured ${measured}: ${m.budgetBurnedPct.toFixed(2)} % of a 30-day 99.9 % budget burned (${m.burnRatePerHourPct.toFixed(1)} % per hour at its error rate), availability ${m.availabilityPct.toFixed(2)} % from the failure on, ${m.legitFailedPct.toFixed(2)} % of legitimate requests failed`,
    };
  });
}

/** An alert the section lists under Detection fires within `withinMs` of the failure. */
export function detectedBy(n: number, alert: string, key: keyof FirewallMetrics, withinMs: number): FirewallClaim {
  return claim(n, 'Detection', `alert ${alert} fires (within ${fmt(withinMs)})`, (m) => ({
    pass: m[key] <= withinMs,
    detail: `fired ${fmt(m[key])} after the failure`,
  }));
}

/** The section's recovery is automatic: nothing is left for an operator when the run ends. */
export function recoversByItself(n: number, what: string): FirewallClaim {
  return claim(n, 'Recovery', `recovers without an operator (${what})`, (m) => ({
    pass: m.manualStepNeeded === 0,
    detail: m.manualStepNeeded === 0 ? `no manual step left; last bad request ${fmt(m.timeToRecoverMs)} after the failure` : 'an operator must still act when the run ends',
  }));
}
