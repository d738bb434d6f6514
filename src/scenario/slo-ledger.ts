import type { Micros } from '../kernel/time.js';

/**
 * How a failure-mode document grades an incident's "SLO Impact", measured
 * instead of assumed: the share of the error budget the incident burned.
 *
 * The budget is (1 - objective) of a period's requests; an incident that
 * fails a fraction f of requests for d minutes burns f * d minutes of a
 * 30-day 99.9 % budget of 43.2 minutes. The grade's bounds follow the SRE
 * Workbook's burn-rate alerts [SRE-WB-ALERT]: 2 % of the monthly budget is
 * what pages within an hour, 10 % is what opens a ticket over three days.
 * Below 0.1 % the incident is lost in normal noise.
 */
export type SloImpact = 'None' | 'Low' | 'Medium' | 'High';
export const SLO_IMPACTS: readonly SloImpact[] = ['None', 'Low', 'Medium', 'High'];

export interface SloPolicy {
  /** Share of good requests promised over the period (0.999). */
  readonly objective: number;
  readonly periodDays: number;
  /** Budget shares (0..1) at which an incident is graded Low, Medium, High. */
  readonly lowFromBudget: number;
  readonly mediumFromBudget: number;
  readonly highFromBudget: number;
}

export const DEFAULT_SLO: SloPolicy = { objective: 0.999, periodDays: 30, lowFromBudget: 0.001, mediumFromBudget: 0.02, highFromBudget: 0.1 };

/** Minutes of full outage the period's budget allows (43.2 for 99.9 % over 30 days). */
export function budgetMinutes(policy: SloPolicy = DEFAULT_SLO): number {
  return (1 - policy.objective) * policy.periodDays * 24 * 60;
}

/** Share of the period's budget an incident burned: bad requests against the budget at the incident's own request rate. */
export function budgetBurned(bad: number, total: number, windowUs: Micros, policy: SloPolicy = DEFAULT_SLO): number {
  if (total === 0 || windowUs <= 0) return 0;
  const badMinutes = (bad / total) * (windowUs / 60e6);
  return badMinutes / budgetMinutes(policy);
}

export function gradeImpact(burned: number, policy: SloPolicy = DEFAULT_SLO): SloImpact {
  if (burned >= policy.highFromBudget) return 'High';
  if (burned >= policy.mediumFromBudget) return 'Medium';
  if (burned >= policy.lowFromBudget) return 'Low';
  return 'None';
}

/**
 * Counts good and bad requests inside an incident window. A request counts
 * where it started; the window opens at the fault and closes when the
 * observer says so (recovery or the end of the run).
 */
export class SloLedger {
  good = 0;
  bad = 0;
  private openedAt: Micros | null = null;
  private closedAt: Micros | null = null;

  constructor(readonly policy: SloPolicy = DEFAULT_SLO) {}

  open(at: Micros): void {
    if (this.openedAt === null) this.openedAt = at;
  }

  close(at: Micros): void {
    if (this.openedAt !== null && this.closedAt === null) this.closedAt = at;
  }

  /** A request that started at `startedAt`; only those inside the window count. */
  record(startedAt: Micros, good: boolean): void {
    if (this.openedAt === null || startedAt < this.openedAt) return;
    if (this.closedAt !== null && startedAt > this.closedAt) return;
    if (good) this.good++;
    else this.bad++;
  }

  windowUs(now: Micros): Micros {
    if (this.openedAt === null) return 0;
    return (this.closedAt ?? now) - this.openedAt;
  }

  availability(): number {
    const total = this.good + this.bad;
    return total === 0 ? 1 : this.good / total;
  }

  burned(now: Micros): number {
    return budgetBurned(this.bad, this.good + this.bad, this.windowUs(now), this.policy);
  }

  impact(now: Micros): SloImpact {
    return gradeImpact(this.burned(now), this.policy);
  }
}
