import type { DocumentSummary, DocumentedFailure, SloImpact } from '../../src/scenario/index.js';

/** Seed 004's "Summary Statistics" table, as printed. */
export const FIREWALL_SUMMARY: DocumentSummary = {
  rows: [
    { severity: 'Critical', count: 4, auto: 2, manual: 4 },
    { severity: 'High', count: 7, auto: 4, manual: 7 },
    { severity: 'Medium', count: 4, auto: 3, manual: 4 },
    { severity: 'Low', count: 1, auto: 1, manual: 1 },
  ],
};

/** What one section of seed 004 says: its SLO Impact, and whether its Recovery lists automated and manual steps. */
export function documented(impact: SloImpact, autoRecovery: boolean, manualRecovery = true): DocumentedFailure {
  return { impact, autoRecovery, manualRecovery, summary: FIREWALL_SUMMARY };
}
